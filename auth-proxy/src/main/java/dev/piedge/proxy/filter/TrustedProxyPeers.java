package dev.piedge.proxy.filter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Whether the immediate peer of a request is one of the operator's proxies
 * ({@code spring.cloud.gateway.server.webflux.trusted-proxies}, a regex; unset = none),
 * so its {@code X-Forwarded-*} headers may be believed. One place, so the forwarded
 * headers the backend gets and the proxy's own idea of its public origin judge a peer
 * alike.
 */
@Component
public class TrustedProxyPeers {

	private final Predicate<String> trusted;

	public TrustedProxyPeers(GatewayProperties gateway) {
		String pattern = gateway.getTrustedProxies();
		this.trusted = StringUtils.hasText(pattern) ? TrustedProxies.from(pattern)::isTrusted : peer -> false;
	}

	/** The peer's address as the trust regex sees it, or {@code null} when unknown. */
	public static String peerAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		InetAddress address = remote.getAddress();
		return (address != null) ? address.getHostAddress() : remote.getHostString();
	}

	/** Whether this peer address is a trusted proxy. */
	public boolean isTrusted(String peer) {
		return peer != null && this.trusted.test(peer);
	}

	/** Whether the request's immediate peer is a trusted proxy. */
	public boolean isTrusted(ServerHttpRequest request) {
		return isTrusted(peerAddress(request));
	}

}
