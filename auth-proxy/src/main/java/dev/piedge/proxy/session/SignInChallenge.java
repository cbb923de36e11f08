package dev.piedge.proxy.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.token.CredentialChallenge;
import dev.piedge.proxy.token.MissingTokenException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a browser's page load to the sign-in page, and answers everything else with
 * today's 401. A page load is a {@code GET} or {@code HEAD} that the browser marks as a
 * navigation ({@code Sec-Fetch-Mode: navigate}) or, from a browser without fetch
 * metadata, one whose {@code Accept} prefers {@code text/html} (the rule Pomerium and
 * oauth2-proxy use). A script's {@code fetch}, an image or an API client keeps its 401
 * with {@code WWW-Authenticate}: a redirect to an HTML page would only confuse it.
 */
@Component
class SignInChallenge implements CredentialChallenge {

	static final String SIGN_IN_PATH = "/pi-edge/sign-in";

	private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";

	@Override
	public ProblemException challenge(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (!isNavigation(request)) {
			return MissingTokenException.create();
		}
		String path = request.getURI().getRawPath();
		String query = request.getURI().getRawQuery();
		String rd = ReturnPath.of((query != null) ? path + "?" + query : path);
		return SignInRequiredException.to(SIGN_IN_PATH + "?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8));
	}

	static boolean isNavigation(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
			return false;
		}
		List<String> mode = request.getHeaders().get(SEC_FETCH_MODE);
		if (mode != null && !mode.isEmpty()) {
			return mode.size() == 1 && "navigate".equals(mode.get(0));
		}
		return prefersHtml(request.getHeaders());
	}

	/** Whether {@code text/html} is among the types the client accepts most. */
	private static boolean prefersHtml(HttpHeaders headers) {
		List<MediaType> accepted;
		try {
			accepted = headers.getAccept();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double best = 0;
		double html = 0;
		for (MediaType type : accepted) {
			double quality = type.getQualityValue();
			best = Math.max(best, quality);
			if ("text".equals(type.getType()) && "html".equals(type.getSubtype())) {
				html = Math.max(html, quality);
			}
		}
		return html > 0 && html >= best;
	}

}
