package dev.piedge.proxy.browser;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Pi Browser layer ({@code pi.browser.*}): sign-in, the session cookie, cross-site
 * request checks and the response rewriting that lets a legacy app run inside the Pi
 * Browser's cross-site iframe. Bad values stop start-up with a message that names the
 * key.
 *
 * @param sdkUrl the Pi SDK script the sign-in page loads (pi-sandbox's {@code /pi-sdk.js}
 * in the demo)
 * @param sandbox {@code Pi.init}'s {@code sandbox} flag: true while the app runs in Pi's
 * desktop sandbox ({@code https://sandbox.minepi.com})
 * @param validationKey the Developer Portal's domain key, served as
 * {@code /validation-key.txt}; unset = that path is not answered by the proxy
 * @param publicOrigin the origin browsers use for the proxy, such as
 * {@code https://shop.example.com}; unset = taken from each request ({@code Host}, or the
 * trusted proxy's {@code X-Forwarded-Proto}/{@code -Host})
 * @param trustedOrigins other origins whose state-changing requests may carry the session
 * cookie (a frontend on another origin); {@code null} is accepted only when listed
 * literally
 * @param frameAncestors who may frame the app, added to {@code frame-ancestors} after
 * {@code 'self'}: the Pi Browser, Pi's desktop sandbox and PiNet by default
 * @param rewriteBackendCookies rewrite the backend's own {@code Set-Cookie} headers to
 * {@code SameSite=None; Secure; Partitioned}, since inside the Pi Browser they are
 * third-party cookies too
 * @param session the session cookie
 */
@ConfigurationProperties("pi.browser")
public record BrowserProperties(@DefaultValue("https://sdk.minepi.com/pi-sdk.js") URI sdkUrl,
		@DefaultValue("false") boolean sandbox, String validationKey, URI publicOrigin,
		@DefaultValue List<String> trustedOrigins, @DefaultValue( {
				"https://app-cdn.minepi.com", "https://sandbox.minepi.com",
				"https://*.pinet.com" }) List<String> frameAncestors,
		@DefaultValue("true") boolean rewriteBackendCookies, @DefaultValue Session session){

	/**
	 * A CSP source expression: a scheme and host (with an optional leading *.) and port.
	 */
	private static final Pattern FRAME_ANCESTOR = Pattern
		.compile("https?://(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

	private static final Pattern VALIDATION_KEY = Pattern.compile("[A-Za-z0-9._-]{1,512}");

	public BrowserProperties {
		if (sdkUrl == null || !sdkUrl.isAbsolute()
				|| !("https".equals(sdkUrl.getScheme()) || "http".equals(sdkUrl.getScheme()))
				|| sdkUrl.getHost() == null) {
			throw new IllegalArgumentException(
					"pi.browser.sdk-url must be an absolute http(s) URL such as https://sdk.minepi.com/pi-sdk.js, was "
							+ sdkUrl);
		}
		if (validationKey != null && validationKey.isBlank()) {
			validationKey = null;
		}
		if (validationKey != null && !VALIDATION_KEY.matcher(validationKey.strip()).matches()) {
			throw new IllegalArgumentException("pi.browser.validation-key must be the Developer Portal's key "
					+ "(letters, digits, '.', '_', '-'; at most 512)");
		}
		if (validationKey != null) {
			validationKey = validationKey.strip();
		}
		if (publicOrigin != null && publicOrigin.toString().isBlank()) {
			// ${PI_BROWSER_PUBLIC_ORIGIN:} left empty.
			publicOrigin = null;
		}
		if (publicOrigin != null) {
			publicOrigin = URI.create(origin("pi.browser.public-origin", publicOrigin.toString()));
		}
		trustedOrigins = trustedOrigins.stream()
			.filter(value -> value != null && !value.isBlank())
			.map(value -> origin("pi.browser.trusted-origins", value))
			.toList();
		frameAncestors = List.copyOf(frameAncestors);
		for (String ancestor : frameAncestors) {
			if (!FRAME_ANCESTOR.matcher(ancestor).matches()) {
				throw new IllegalArgumentException("pi.browser.frame-ancestors has '" + ancestor
						+ "'; each must be a scheme and host, such as https://app-cdn.minepi.com or https://*.pinet.com");
			}
		}
	}

	/** Whether a request's {@code Origin} is listed in {@code trusted-origins}. */
	public boolean trusts(String origin) {
		return this.trustedOrigins.contains(origin.toLowerCase(Locale.ROOT));
	}

	/**
	 * An origin as browsers serialise it ({@code scheme://host[:port]}, lower case, no
	 * path), or the literal {@code null}.
	 */
	private static String origin(String key, String value) {
		String trimmed = (value == null) ? "" : value.strip();
		if ("null".equals(trimmed)) {
			return trimmed;
		}
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (java.net.URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawUserInfo() != null
				|| !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					key + " must hold origins such as https://shop.example.com (no path), was '" + value + "'");
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443)
				|| ("http".equals(uri.getScheme()) && port == 80);
		return (uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
	}

	/**
	 * @param keys the key ring: the first key seals new cookies, every key opens them, so
	 * a new key goes first and an old one stays until the cookies it sealed have expired.
	 * Empty = an ephemeral key (and a WARN): every restart signs everyone out, and
	 * instances do not read each other's cookies.
	 * @param cookie the cookie's name and attributes
	 * @param maxAge longest a session lasts; never past the Pi token's
	 * {@code valid_until}
	 * @param revalidate how often the sealed token is checked with Pi again
	 * @param revalidateGrace while Pi is unreachable, how long past a due re-check the
	 * session keeps working before it fails closed with 503
	 */
	public record Session(@DefaultValue List<Key> keys, @DefaultValue Cookie cookie,
			@DefaultValue("12h") Duration maxAge, @DefaultValue("5m") Duration revalidate,
			@DefaultValue("10m") Duration revalidateGrace) {

		public Session {
			keys = List.copyOf(keys);
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < keys.size(); i++) {
				if (!ids.add(keys.get(i).id())) {
					throw new IllegalArgumentException("pi.browser.session.keys[" + i + "].id '" + keys.get(i).id()
							+ "' is used by another key; give every key its own id");
				}
			}
			requirePositive("pi.browser.session.max-age", maxAge);
			requirePositive("pi.browser.session.revalidate", revalidate);
			if (revalidateGrace == null || revalidateGrace.isNegative()) {
				throw new IllegalArgumentException(
						"pi.browser.session.revalidate-grace must be zero or a positive duration such as 10m, was "
								+ revalidateGrace);
			}
			if (revalidate.compareTo(maxAge) > 0) {
				throw new IllegalArgumentException("pi.browser.session.revalidate (" + revalidate
						+ ") must not be longer than pi.browser.session.max-age (" + maxAge + ")");
			}
		}

	}

	/**
	 * One key of the ring.
	 *
	 * @param id the key id, written in each cookie's header so the right key opens it
	 * @param secret 32 random bytes, base64 (standard or URL-safe), such as the output of
	 * {@code openssl rand -base64 32}
	 */
	public record Key(String id, String secret) {

		private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

		public Key {
			if (id == null || !ID.matcher(id).matches()) {
				throw new IllegalArgumentException(
						"pi.browser.session.keys[].id must be 1 to 64 letters, digits, '.', '_' or '-', was '" + id
								+ "'");
			}
			if (decode(secret) == null || decode(secret).length != 32) {
				throw new IllegalArgumentException("pi.browser.session.keys[] '" + id
						+ "': secret must be 32 random bytes in base64 (openssl rand -base64 32)");
			}
		}

		/** The 256-bit AES key. */
		public byte[] bytes() {
			return decode(this.secret);
		}

		private static byte[] decode(String secret) {
			if (secret == null) {
				return null;
			}
			String trimmed = secret.strip();
			try {
				return (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(trimmed)
						: Base64.getDecoder().decode(trimmed);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "Key[id=" + this.id + ", secret=[redacted]]";
		}

	}

	/**
	 * @param secure production mode: {@code __Host-} name, {@code Secure},
	 * {@code Partitioned}, {@code SameSite=None}. {@code false} is the development mode
	 * for plain {@code http://}: no prefix, no {@code Secure}, no {@code Partitioned},
	 * {@code SameSite=Lax} (which browsers never send inside a cross-site frame)
	 * @param name the cookie's name, without the {@code __Host-} prefix
	 * @param sameSite {@code None} (production), {@code Lax} (development) or
	 * {@code Strict}; unset = chosen by {@code secure}. {@code None} without
	 * {@code secure} stops start-up, since browsers drop such a cookie.
	 */
	public record Cookie(@DefaultValue("true") boolean secure, @DefaultValue("pi_edge_session") String name,
			String sameSite) {

		private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

		public Cookie {
			if (name == null || !NAME.matcher(name).matches() || name.startsWith("__")) {
				throw new IllegalArgumentException("pi.browser.session.cookie.name must be 1 to 64 letters, digits, "
						+ "'_' or '-', not starting with __ (the __Host- prefix is added in secure mode), was '" + name
						+ "'");
			}
			if (sameSite == null || sameSite.isBlank()) {
				sameSite = secure ? "None" : "Lax";
			}
			sameSite = switch (sameSite.strip().toLowerCase(Locale.ROOT)) {
				case "none" -> "None";
				case "lax" -> "Lax";
				case "strict" -> "Strict";
				default -> throw new IllegalArgumentException(
						"pi.browser.session.cookie.same-site must be None, Lax or Strict, was '" + sameSite + "'");
			};
			if ("None".equals(sameSite) && !secure) {
				throw new IllegalArgumentException("pi.browser.session.cookie.same-site None needs "
						+ "pi.browser.session.cookie.secure true: browsers drop a SameSite=None cookie without Secure");
			}
		}

		/** The name as sent: {@code __Host-} prefixed in secure mode. */
		public String fullName() {
			return this.secure ? "__Host-" + this.name : this.name;
		}

		/** {@code Partitioned} (CHIPS) goes with {@code Secure}, which it requires. */
		public boolean partitioned() {
			return this.secure;
		}

	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be a positive duration such as 5m, was " + value);
		}
	}

}
