package dev.piedge.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that accepts every connection and reads whatever arrives, but never answers.
 * It counts the connections it accepted and those the proxy still holds open, so a test
 * can see a connection released.
 */
public final class SilentBackend {

	private final ServerSocket server;

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private SilentBackend(ServerSocket server) {
		this.server = server;
	}

	/** Listens on a free loopback port until the JVM exits. */
	public static SilentBackend start() {
		try {
			SilentBackend backend = new SilentBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread acceptor = new Thread(backend::acceptForever, "silent-backend");
			acceptor.setDaemon(true);
			acceptor.start();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** Connections accepted since the JVM started. */
	public int acceptedConnections() {
		return this.accepted.get();
	}

	/** Accepted connections the other side has not closed yet. */
	public int openConnections() {
		return this.open.get();
	}

	private void acceptForever() {
		while (true) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				Thread reader = new Thread(() -> readUntilClosed(socket), "silent-backend-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void readUntilClosed(Socket socket) {
		try (socket; InputStream in = socket.getInputStream()) {
			byte[] buffer = new byte[8192];
			while (in.read(buffer) >= 0) {
				// Swallow the request and never answer.
			}
		}
		catch (IOException ex) {
			// A reset is a close too.
		}
		finally {
			this.open.decrementAndGet();
		}
	}

}
