package dev.piedge.proxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.piedge.proxy.EdgeLimitsIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client cannot hold a connection, or a backend connection behind it, for longer than
 * the configured bounds: idle between requests, while sending its header block, or while
 * sending its body. The test profile sets idle-timeout 1 s, read-timeout 1 s and
 * request-timeout 3 s; the bounds below leave room for a slow machine.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientTimeoutIntegrationTests extends EdgeLimitsIntegrationTestSupport {

	private static final Duration BOUND = Duration.ofSeconds(6);

	@LocalServerPort
	int port;

	private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stopTrickling() {
		this.trickle.shutdownNow();
	}

	@Test
	void closesAnIdleKeepAliveConnectionAfterTheIdleTimeout() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "GET /patient/home HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(readUntil(socket, "backend-ok")).startsWith("HTTP/1.1 200");

			await().atMost(BOUND).until(() -> closedByServer(socket));
		}
	}

	@Test
	void closesAConnectionWhoseHeaderBlockArrivesTooSlowly() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "GET /public/home HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
			// One byte every 200 ms: never idle for long, but the header block never
			// ends.
			trickleBytes(socket);

			await().atMost(BOUND).until(() -> closedByServer(socket));
		}
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void closesARequestWhoseBodyStopsHalfWayAndReleasesTheBackend(CapturedOutput output) throws IOException {
		int acceptedBefore = silentBackend.acceptedConnections();
		try (Socket socket = connect()) {
			send(socket, "POST /upload/file HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: 100\r\n\r\n" + "x".repeat(50));
			// The proxy streams the body, so the backend connection is open before the
			// body ends.
			await().atMost(BOUND).until(() -> silentBackend.acceptedConnections() > acceptedBefore);

			await().atMost(BOUND).until(() -> closedByServer(socket));
			await().atMost(BOUND).until(() -> silentBackend.openConnections() == 0);
		}
		// The client's failure, not the backend's. (Whether the exchange still ends as a
		// 408 in the access log
		// or is simply cancelled depends on which event loop notices first; either way
		// the client is gone.)
		assertThat(output.getOut()).doesNotContain("ERROR").doesNotContain("Backend failed").doesNotContain("status=5");
	}

	@Test
	void closesAHalfBodyTheProxyReadsItselfWithoutAnError(CapturedOutput output) throws IOException {
		int acceptedBefore = silentBackend.acceptedConnections();
		try (Socket socket = connect()) {
			// A pi-token-from-body route: the proxy reads the whole body for its
			// accessToken before forwarding.
			send(socket, "POST /shop/pi_payment/approve HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"paymentId\":\"p-1\",");

			await().atMost(BOUND).until(() -> closedByServer(socket));
		}
		await().atMost(BOUND).until(() -> output.getOut().contains("route=pi-payments status=408"));
		assertThat(silentBackend.acceptedConnections()).isEqualTo(acceptedBefore);
		assertThat(output.getOut()).doesNotContain("ERROR");
	}

	@Test
	void closesARequestWhoseBodyTricklesPastTheRequestTimeoutAndReleasesTheBackend() throws IOException {
		int acceptedBefore = silentBackend.acceptedConnections();
		try (Socket socket = connect()) {
			send(socket, "POST /upload/file HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: 10000\r\n\r\n");
			// Never silent for the read timeout, but never done either.
			trickleBytes(socket);
			await().atMost(BOUND).until(() -> silentBackend.acceptedConnections() > acceptedBefore);

			await().atMost(BOUND.plusSeconds(3)).until(() -> closedByServer(socket));
			await().atMost(BOUND).until(() -> silentBackend.openConnections() == 0);
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
		socket.setSoTimeout(100);
		return socket;
	}

	private void trickleBytes(Socket socket) {
		this.trickle.scheduleAtFixedRate(() -> {
			try {
				send(socket, "x");
			}
			catch (IOException closed) {
				throw new IllegalStateException(closed);
			}
		}, 200, 200, TimeUnit.MILLISECONDS);
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	/** Reads the answer until it holds {@code text}; whatever follows may be read too. */
	private static String readUntil(Socket socket, String text) {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		await("an answer with " + text).atMost(Duration.ofSeconds(5)).until(() -> {
			readAvailable(socket, answer);
			return answer.toString(StandardCharsets.ISO_8859_1).contains(text);
		});
		return answer.toString(StandardCharsets.ISO_8859_1);
	}

	/** Reads until the stream ends or stays silent for the socket's 100 ms timeout. */
	private static void readAvailable(Socket socket, ByteArrayOutputStream answer) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			for (int next = in.read(); next >= 0; next = in.read()) {
				answer.write(next);
			}
		}
		catch (SocketTimeoutException silent) {
			// All there is for now.
		}
	}

	/**
	 * True once the proxy closed (or reset) the connection; a read that merely times out
	 * means still open.
	 */
	private static boolean closedByServer(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			while (true) {
				if (in.read() < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

}
