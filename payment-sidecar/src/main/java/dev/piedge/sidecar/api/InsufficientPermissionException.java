package dev.piedge.sidecar.api;

import java.util.Map;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The caller is authenticated but holds no permission that grants the one the endpoint
 * requires; the answer names it ({@code missing_permission}).
 */
public final class InsufficientPermissionException extends ProblemException {

	private final Permission missing;

	private InsufficientPermissionException(Permission missing) {
		super(HttpStatus.FORBIDDEN, SidecarProblemCode.INSUFFICIENT_PERMISSION,
				"This endpoint requires the permission " + missing.value() + ".");
		this.missing = missing;
	}

	static InsufficientPermissionException missing(Permission missing) {
		return new InsufficientPermissionException(missing);
	}

	@Override
	public Map<String, Object> extra() {
		return Map.of("missing_permission", this.missing.value());
	}

	@Override
	public HttpHeaders headers() {
		return ApiChallenge
			.header(ApiChallenge.REALM + ", error=\"insufficient_scope\", scope=\"" + this.missing.value() + "\"");
	}

}
