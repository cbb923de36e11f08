package dev.piedge.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener that never accepts, with its accept queue filled up front: the kernel then
 * drops every new SYN, so a connection attempt neither succeeds nor is refused, as with a
 * backend host that went dark.
 */
public final class FullBacklogBackend {

	private final ServerSocket server;

	/** Kept referenced: they fill the queue for as long as the JVM runs. */
	private final List<Socket> queued = new ArrayList<>();

	private FullBacklogBackend(ServerSocket server) {
		this.server = server;
	}

	public static FullBacklogBackend start() {
		try {
			FullBacklogBackend backend = new FullBacklogBackend(
					new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			backend.fillAcceptQueue();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	private void fillAcceptQueue() throws IOException {
		for (int attempt = 0; attempt < 16; attempt++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.getLocalPort()),
						300);
				this.queued.add(socket);
			}
			catch (SocketTimeoutException full) {
				socket.close();
				return;
			}
		}
		throw new IllegalStateException("The accept queue never filled up");
	}

}
