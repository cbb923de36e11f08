package dev.piedge.proxy.server;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bounds how long a client may take over a request body, with Reactor Netty's own server
 * settings: a body that stops half way or trickles in is cut off and its connection
 * closed, and with it the backend connection the gateway was streaming that body into.
 */
@Component
class RequestBodyTimeoutServerCustomizer implements NettyServerCustomizer {

	private final ServerTimeoutProperties properties;

	RequestBodyTimeoutServerCustomizer(ServerTimeoutProperties properties) {
		this.properties = properties;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.readTimeout(this.properties.readTimeout()).requestTimeout(this.properties.requestTimeout());
	}

}
