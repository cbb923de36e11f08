package dev.piedge.sandbox.browser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /pi-browser?url=<app>}: a page that frames an app the way the Pi Browser
 * does. A thin "Pi sandbox browser" bar, and the app in a full-size {@code <iframe>}
 * without a {@code sandbox} attribute, like {@code app-cdn.minepi.com}. Served from the
 * sandbox's origin while the app is on another site, the app is a cross-site iframe: its
 * cookies are third-party and its framing headers decide whether it shows.
 * <p>
 * The page has no script. Its policy allows nothing but its own style (by hash) and
 * frames from the app's origin, so an app that navigates its frame to another origin is
 * blocked, as a real host would not be; the bar names the URL to open instead.
 */
@Component
class PiBrowserHostHandler {

	private static final String STYLE = "html,body{margin:0;height:100%}"
			+ "body{display:flex;flex-direction:column;font:13px/1.4 system-ui,sans-serif}"
			+ "header{display:flex;gap:12px;align-items:baseline;padding:6px 12px;background:#5a2d91;color:#fff}"
			+ "header span{opacity:.85;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}"
			+ "iframe{flex:1;width:100%;border:0}";

	private static final String STYLE_SOURCE = "'sha256-" + sha256(STYLE) + "'";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	Mono<ServerResponse> host(ServerRequest request) {
		return Mono.fromCallable(() -> FramedApp.parse(request.queryParam("url").orElse(null)))
			.flatMap(app -> ServerResponse.ok()
				.contentType(HTML)
				.cacheControl(CacheControl.noStore())
				.header("Content-Security-Policy", policy(app))
				.header("X-Content-Type-Options", "nosniff")
				.bodyValue(page(app)));
	}

	private static String policy(FramedApp app) {
		return "default-src 'none'; frame-src " + app.origin() + "; style-src " + STYLE_SOURCE
				+ "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
	}

	private static String page(FramedApp app) {
		String url = HtmlUtils.htmlEscape(app.url(), StandardCharsets.UTF_8.name());
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Pi sandbox browser</title>
				<style>%s</style>
				</head>
				<body>
				<header data-pi-sandbox="browser-bar"><strong>Pi sandbox browser</strong><span>pi-sandbox, not the Pi Browser</span><span>%s</span></header>
				<iframe src="%s" title="App" data-pi-sandbox="app-frame"></iframe>
				</body>
				</html>
				"""
			.formatted(STYLE, url, url);
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK ships SHA-256", ex);
		}
	}

}
