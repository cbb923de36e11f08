package dev.piedge.proxy.ratelimit;

import java.util.List;

import dev.piedge.proxy.filter.TrustedProxyPeers;
import dev.piedge.proxy.token.VerifiedIdentity;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Whose budget a request spends, for the gateway's {@code RequestRateLimiter}: the
 * verified Pi uid ({@code uid:<uid>}) when authentication found one, else the client's
 * address ({@code address:<ip>}). The prefixes keep the two namespaces apart, so no uid
 * can spend an address's budget or the other way round.
 * <p>
 * The address is the peer's, unless the peer is a trusted proxy
 * ({@link TrustedProxyPeers}): then it is the nearest {@code X-Forwarded-For} entry that
 * is not itself a trusted proxy, read from the right, since every entry to the left of
 * the first untrusted one was written by the client and proves nothing.
 * <p>
 * Runs as a route filter, after the authentication global filter has put the
 * {@link VerifiedIdentity} on the exchange.
 */
@Component
class UserOrAddressKeyResolver implements KeyResolver {

	static final String UID_PREFIX = "uid:";

	static final String ADDRESS_PREFIX = "address:";

	/** A peer whose address cannot be known (not over TCP) shares one budget. */
	static final String UNKNOWN_ADDRESS = ADDRESS_PREFIX + "unknown";

	/** Longer entries are not addresses; they are skipped as garbage. */
	private static final int MAX_ADDRESS_LENGTH = 64;

	private final TrustedProxyPeers trustedPeers;

	UserOrAddressKeyResolver(TrustedProxyPeers trustedPeers) {
		this.trustedPeers = trustedPeers;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		VerifiedIdentity identity = exchange.getAttribute(VerifiedIdentity.EXCHANGE_ATTRIBUTE);
		if (identity != null) {
			return Mono.just(UID_PREFIX + identity.uid());
		}
		String address = clientAddress(exchange.getRequest());
		return Mono.just((address != null) ? ADDRESS_PREFIX + address : UNKNOWN_ADDRESS);
	}

	private String clientAddress(ServerHttpRequest request) {
		String peer = TrustedProxyPeers.peerAddress(request);
		if (!this.trustedPeers.isTrusted(peer)) {
			return peer;
		}
		// Every line, split at commas and trimmed, in order.
		List<String> forwardedFor = request.getHeaders().getValuesAsList("X-Forwarded-For");
		String leftmost = null;
		for (int index = forwardedFor.size() - 1; index >= 0; index--) {
			String entry = forwardedFor.get(index);
			if (entry.isEmpty() || entry.length() > MAX_ADDRESS_LENGTH) {
				continue;
			}
			if (!this.trustedPeers.isTrusted(entry)) {
				return entry;
			}
			leftmost = entry;
		}
		// Every hop is a trusted proxy: the first one is the nearest thing to a client.
		return (leftmost != null) ? leftmost : peer;
	}

}
