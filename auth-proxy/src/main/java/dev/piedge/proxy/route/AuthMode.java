package dev.piedge.proxy.route;

import java.util.Locale;

/**
 * How much identity a route demands ({@code pi-auth} metadata).
 */
public enum AuthMode {

	/**
	 * Only verified Pi users get through. The default for any route that says nothing.
	 */
	REQUIRED,

	/**
	 * Verified users arrive with identity headers; requests without a token arrive
	 * anonymous.
	 */
	OPTIONAL,

	/** No token is checked; identity headers are still stripped. */
	PUBLIC;

	static AuthMode parse(String value) {
		return AuthMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

}
