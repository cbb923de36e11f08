package dev.piedge.proxy.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.piedge.proxy.browser.BrowserProperties;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Service;

/**
 * Reads the session cookie from requests and writes it to responses, always with the same
 * attributes, so a cookie is replaced and cleared exactly where it was set (a partitioned
 * cookie is only deleted by a {@code Set-Cookie} that is partitioned too).
 * <p>
 * Production: {@code __Host-pi_edge_session=…; Path=/; Secure; HttpOnly; SameSite=None;
 * Partitioned}, which the Pi Browser's cross-site iframe keeps. Development
 * ({@code pi.browser.session.cookie.secure: false}): no prefix, no {@code Secure} or
 * {@code Partitioned}, {@code SameSite=Lax}.
 */
@Service
class SessionCookieService {

	/**
	 * Browsers keep cookies up to 4096 bytes, name and attributes included; a larger one
	 * would be dropped without a word.
	 */
	static final int MAX_VALUE_LENGTH = 3800;

	/**
	 * Sessions opened recently, by the cookie's exact value: a browser sends the same
	 * cookie with every request until it is renewed, and opening it (JWE parsing and
	 * AES-GCM) cost more than the rest of a cached-token request (bench/RESULTS.md). The
	 * value is authenticated when first opened, so the same value is the same session;
	 * lifetimes are still checked on every read. Bounded, and each entry lives no longer
	 * than one revalidation period, after which the browser has a new cookie anyway.
	 */
	private static final int OPENED_SESSIONS = 10_000;

	private final BrowserProperties.Cookie cookie;

	private final SessionKeyRing keys;

	private final Clock clock;

	private final Cache<String, BrowserSession> opened;

	SessionCookieService(BrowserProperties properties, SessionKeyRing keys, Clock clock) {
		this.cookie = properties.session().cookie();
		this.keys = keys;
		this.clock = clock;
		this.opened = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(OPENED_SESSIONS)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(properties.session().revalidate())
			.build();
	}

	/** The cookie's name as browsers send it. */
	String name() {
		return this.cookie.fullName();
	}

	/**
	 * The live session the request's cookie holds. Empty when it has none, or only
	 * tampered, foreign or expired ones: each counts as no cookie.
	 */
	Optional<BrowserSession> read(ServerHttpRequest request) {
		List<HttpCookie> sent = request.getCookies().get(name());
		if (sent == null) {
			return Optional.empty();
		}
		// A browser can hold two cookies of one name (say a partitioned and an older
		// unpartitioned one) and sends both; any live one will do.
		for (HttpCookie candidate : sent) {
			Optional<BrowserSession> session = open(candidate.getValue())
				.filter(opened -> opened.liveAt(this.clock.instant()));
			if (session.isPresent()) {
				return session;
			}
		}
		return Optional.empty();
	}

	private Optional<BrowserSession> open(String value) {
		BrowserSession known = this.opened.getIfPresent(value);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<BrowserSession> session = this.keys.open(value);
		session.ifPresent(opened -> this.opened.put(value, opened));
		return session;
	}

	/** Whether the request sent a session cookie at all, live or not. */
	boolean sent(ServerHttpRequest request) {
		return request.getCookies().containsKey(name());
	}

	/**
	 * Sets the cookie for a session on the response; it expires with the session.
	 * @throws SessionTooLargeException when the sealed session would not fit a cookie
	 */
	void write(ServerHttpResponse response, BrowserSession session) {
		String value = this.keys.seal(session);
		if (value.length() > MAX_VALUE_LENGTH) {
			throw SessionTooLargeException.create();
		}
		response.addCookie(attributes(value, Duration.ofSeconds(session.secondsLeft(this.clock.instant()))));
	}

	/** Clears the cookie on the response, with the attributes it was set with. */
	void clear(ServerHttpResponse response) {
		response.addCookie(attributes("", Duration.ZERO));
	}

	private ResponseCookie attributes(String value, Duration maxAge) {
		return ResponseCookie.from(name(), value)
			.path("/")
			.httpOnly(true)
			.secure(this.cookie.secure())
			.sameSite(this.cookie.sameSite())
			.partitioned(this.cookie.partitioned())
			.maxAge(maxAge)
			.build();
	}

}
