package dev.piedge.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sends bytes exactly as written, for requests an HTTP client library would normalise or
 * refuse: control characters in headers, encoded dot segments, odd header spellings.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a GET with the given raw request target and extra header lines (plus
	 * {@code Host: localhost} unless they hold a Host, and {@code Connection: close});
	 * returns the whole answer.
	 */
	public static Answer get(int port, String rawTarget, String... headerLines) throws IOException {
		return getFrom("127.0.0.1", port, rawTarget, headerLines);
	}

	/**
	 * As {@link #get}, from another loopback address ({@code 127.0.0.2}...), so the proxy
	 * sees another peer.
	 */
	public static Answer getFrom(String localAddress, int port, String rawTarget, String... headerLines)
			throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(rawTarget).append(" HTTP/1.1\r\n");
		if (Arrays.stream(headerLines).noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
			request.append("Host: localhost\r\n");
		}
		request.append("Connection: close\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("\r\n");
		return send(localAddress, port, request.toString());
	}

	/**
	 * Sends the request exactly as given (request line, headers, blank line, body);
	 * returns the whole answer.
	 */
	public static Answer send(int port, String rawRequest) throws IOException {
		return send("127.0.0.1", port, rawRequest);
	}

	private static Answer send(String localAddress, int port, String rawRequest) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return new Answer(answer.toString(StandardCharsets.ISO_8859_1));
		}
	}

	/** A raw HTTP/1.1 answer. */
	public record Answer(String text) {

		public int status() {
			return Integer.parseInt(this.text.substring(9, 12));
		}

		/** The first value of a response header, or {@code null}. */
		public String header(String name) {
			int end = this.text.indexOf("\r\n\r\n");
			for (String line : this.text.substring(0, (end < 0) ? this.text.length() : end).split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		public String body() {
			int split = this.text.indexOf("\r\n\r\n");
			return (split < 0) ? "" : this.text.substring(split + 4);
		}

	}

}
