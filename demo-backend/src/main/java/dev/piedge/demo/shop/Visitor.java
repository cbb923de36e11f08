package dev.piedge.demo.shop;

import java.util.Optional;

import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The signed-in visitor, as pi-edge describes them in request headers. The shop has no Pi
 * code: it trusts these headers because it is reachable only through the proxy, which
 * removes any {@code X-Pi-*} header a client sends and sets them only for a verified
 * user.
 *
 * @param uid the Pi uid ({@code X-Pi-Uid})
 * @param username the Pi username ({@code X-Pi-Username}), or {@code null} when the user
 * did not share it
 */
record Visitor(String uid, String username) {

	static final String UID_HEADER = "X-Pi-Uid";

	static final String USERNAME_HEADER = "X-Pi-Username";

	/**
	 * The visitor the proxy vouched for, or empty for an anonymous request.
	 */
	static Optional<Visitor> of(ServerRequest request) {
		String uid = request.headers().firstHeader(UID_HEADER);
		if (!StringUtils.hasText(uid)) {
			return Optional.empty();
		}
		String username = request.headers().firstHeader(USERNAME_HEADER);
		return Optional.of(new Visitor(uid, StringUtils.hasText(username) ? username : null));
	}

	/**
	 * How to address the visitor: the username when shared, else the uid.
	 */
	String name() {
		return (this.username != null) ? this.username : this.uid;
	}

}
