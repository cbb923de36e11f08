package dev.piedge.sidecar.identity;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * An {@code X-Pi-Identity} header was sent but is not a valid assertion from the proxy:
 * bad signature, unknown key, wrong issuer or audience, or expired. Refused rather than
 * treated as anonymous.
 */
public final class InvalidIdentityException extends ProblemException {

	private InvalidIdentityException() {
		super(HttpStatus.UNAUTHORIZED, SidecarProblemCode.INVALID_IDENTITY, "The identity assertion is not valid.");
	}

	static InvalidIdentityException create() {
		return new InvalidIdentityException();
	}

}
