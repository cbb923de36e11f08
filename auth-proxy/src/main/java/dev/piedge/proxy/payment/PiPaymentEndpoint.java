package dev.piedge.proxy.payment;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A payment sidecar endpoint named by the tail of a request path. pi-sdk-js posts
 * {@code pi_payment/<action>} relative to the page ({@code api/pi_payment/<action>} under
 * Next.js), so the callbacks arrive at any depth: {@code /pi_payment/approve},
 * {@code /shop/pi_payment/approve}, {@code /a/b/api/pi_payment/complete}. The sidecar
 * serves them at exactly {@code /pi_payment/<action>}, {@code /pi_payment/payments} and
 * {@code /pi_payment/payments/<paymentId>}.
 * <p>
 * Paths are judged raw (still percent-encoded), the form the gateway forwards, so
 * {@code pi%5Fpayment} or {@code appr%6Fve} never name an endpoint.
 *
 * @param sidecarPath the path the sidecar serves, such as {@code /pi_payment/approve}
 */
record PiPaymentEndpoint(String sidecarPath) {

	static final String SEGMENT = "pi_payment";

	private static final Set<String> ACTIONS = Set.of("approve", "complete", "cancel", "incomplete", "error",
			"payments");

	/** Same rule as the platform client's {@code PaymentId}. */
	private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * Whether any segment of the raw path is {@code pi_payment}: the namespace the
	 * sidecar owns.
	 */
	static boolean inNamespace(String rawPath) {
		for (String segment : segments(rawPath)) {
			if (segment.equals(SEGMENT)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The endpoint the raw path ends in, or empty for anything else (unknown action,
	 * extra segments, odd ids).
	 */
	static Optional<PiPaymentEndpoint> of(String rawPath) {
		String[] segments = segments(rawPath);
		int n = segments.length;
		if (n >= 2 && segments[n - 2].equals(SEGMENT) && ACTIONS.contains(segments[n - 1])) {
			return Optional.of(new PiPaymentEndpoint("/" + SEGMENT + "/" + segments[n - 1]));
		}
		if (n >= 3 && segments[n - 3].equals(SEGMENT) && segments[n - 2].equals("payments")
				&& PAYMENT_ID.matcher(segments[n - 1]).matches()) {
			return Optional.of(new PiPaymentEndpoint("/" + SEGMENT + "/payments/" + segments[n - 1]));
		}
		return Optional.empty();
	}

	/**
	 * Keeps a trailing empty segment, so {@code /pi_payment/approve/} is not mistaken for
	 * the endpoint.
	 */
	private static String[] segments(String rawPath) {
		return (rawPath == null) ? new String[0] : rawPath.split("/", -1);
	}

}
