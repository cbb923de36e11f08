package dev.piedge.proxy.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis for the tests: Debian's {@code redis-server} (installed by
 * {@code .ci/run}), started by the test class itself on a free loopback port, without
 * persistence, and stopped after the class. {@link #stop()} and {@link #start()} let a
 * test take it away and bring it back on the same port.
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private int port;

	private Process process;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.port = socket.getLocalPort();
		}
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		stop();
	}

	int port() {
		return this.port;
	}

	void start() throws IOException {
		this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::answersPing);
	}

	/**
	 * Stops the server and waits until it is gone (its clients see the connection end).
	 */
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			this.process = null;
		}
	}

	private boolean answersPing() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
	}

}
