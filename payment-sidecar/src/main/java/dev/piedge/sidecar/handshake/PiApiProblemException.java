package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Pi could not be asked, or answered in a way the handshake cannot use. The payment is
 * left unchanged and retryable: the SDK's next callback or the reconciler tries again.
 */
public final class PiApiProblemException extends ProblemException {

	private final long retryAfterSeconds;

	private PiApiProblemException(HttpStatus status, SidecarProblemCode code, String detail, long retryAfterSeconds) {
		super(status, code, detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static PiApiProblemException unavailable(long retryAfterSeconds) {
		return new PiApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, SidecarProblemCode.PI_API_UNAVAILABLE,
				"The Pi API is unavailable; the payment is unchanged and can be retried.",
				Math.max(1, retryAfterSeconds));
	}

	static PiApiProblemException refused(String piCode) {
		return new PiApiProblemException(HttpStatus.BAD_GATEWAY, SidecarProblemCode.PI_API_ERROR,
				"The Pi API refused the call (" + piCode + "); the payment is unchanged.", 0);
	}

	@Override
	public HttpHeaders headers() {
		if (this.retryAfterSeconds <= 0) {
			return HttpHeaders.EMPTY;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
		return headers;
	}

}
