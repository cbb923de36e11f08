package dev.piedge.pi.client;

import org.springframework.http.HttpMethod;

/**
 * The Pi Platform API operations this client calls. The {@link #toString()} form
 * ({@code GET /v2/payments/{id}}) names the operation in exception messages without any
 * id or secret.
 */
enum PiEndpoint {

	ME(HttpMethod.GET, "/v2/me", false), GET_PAYMENT(HttpMethod.GET, "/v2/payments/{id}", true),
	APPROVE_PAYMENT(HttpMethod.POST, "/v2/payments/{id}/approve", true),
	COMPLETE_PAYMENT(HttpMethod.POST, "/v2/payments/{id}/complete", true),
	CANCEL_PAYMENT(HttpMethod.POST, "/v2/payments/{id}/cancel", true),
	INCOMPLETE_SERVER_PAYMENTS(HttpMethod.GET, "/v2/payments/incomplete_server_payments", true),
	CREATE_PAYMENT(HttpMethod.POST, "/v2/payments", true);

	private final HttpMethod method;

	private final String path;

	private final boolean keyAuthenticated;

	PiEndpoint(HttpMethod method, String path, boolean keyAuthenticated) {
		this.method = method;
		this.path = path;
		this.keyAuthenticated = keyAuthenticated;
	}

	HttpMethod method() {
		return method;
	}

	/** The path template, with {@code {id}} as the only variable. */
	String path() {
		return path;
	}

	/**
	 * True for payment calls ({@code Authorization: Key}), false for {@code /v2/me}
	 * (Bearer).
	 */
	boolean keyAuthenticated() {
		return keyAuthenticated;
	}

	@Override
	public String toString() {
		return method.name() + " " + path;
	}

}
