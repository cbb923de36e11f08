package dev.piedge.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

/**
 * The backend's webhook endpoint, played by the test: answers every POST with 204 and
 * keeps its body, so a test can count the events the sidecar delivered.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/pi-edge/fulfillment";
	}

	/** How many events of this type were delivered for this payout. */
	long count(String type, String payoutId) {
		return this.bodies.stream()
			.filter(body -> type.equals(JsonPath.read(body, "$.type")))
			.filter(body -> Objects.equals(payoutId, JsonPath.read(body, "$.data.payout_id")))
			.count();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
