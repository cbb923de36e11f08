package dev.piedge.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
		StringBuilder request = new StringBuilder("GET ").append(rawTarget).append(" HTTP/1.1\r\n");
		if (Arrays.stream(headerLines).noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
			request.append("Host: localhost\r\n");
		}
		request.append("Connection: close\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("\r\n");
		return send(port, request.toString());
	}

	/**
	 * Sends the request exactly as given (request line, headers, blank line, body);
	 * returns the whole answer.
	 */
	public static Answer send(int port, String rawRequest) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
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

		public String body() {
			int split = this.text.indexOf("\r\n\r\n");
			return (split < 0) ? "" : this.text.substring(split + 4);
		}

	}

}
