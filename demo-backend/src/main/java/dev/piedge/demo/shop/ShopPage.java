package dev.piedge.demo.shop;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * The shop's page layout and the one way its pages are answered. Pages are written as
 * well-formed XML as well as HTML, so tests can query them with XPath.
 */
final class ShopPage {

	static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	/** The proxy's sign-in page, which comes back to {@code rd} once signed in. */
	static final String SIGN_IN_PATH = "/pi-edge/sign-in?rd=";

	private static final String LAYOUT = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8"/>
			<meta name="viewport" content="width=device-width, initial-scale=1"/>
			<title>%s - Demo shop</title>
			%s
			<style>
			body { font-family: system-ui, sans-serif; max-width: 38rem; margin: 0 auto; padding: 1rem; color: #222; line-height: 1.5; }
			header a { font-weight: bold; color: #6b3fa0; text-decoration: none; }
			h1 { font-size: 1.6rem; margin: 1rem 0 0.5rem; }
			h2 { font-size: 1.1rem; margin-top: 2rem; }
			a { color: #6b3fa0; }
			a.button, button { display: inline-block; background: #6b3fa0; color: #fff; border: 0; border-radius: 6px; padding: 0.5rem 1rem; font: inherit; text-decoration: none; cursor: pointer; }
			label { display: block; margin: 0.5rem 0; }
			input, select { font: inherit; margin-left: 0.5rem; }
			dt { font-weight: bold; }
			dd { margin: 0 0 0.5rem 1rem; word-break: break-all; }
			.note, footer { font-size: 0.9rem; color: #555; }
			footer { margin-top: 3rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }
			</style>
			</head>
			<body>
			<header><a href="/">Demo shop</a></header>
			<main>
			%s
			</main>
			<footer>A legacy app behind pi-edge: it has no Pi code and only reads the <code>X-Pi-Uid</code> and <code>X-Pi-Username</code> headers the proxy sets.</footer>
			</body>
			</html>
			""";

	private ShopPage() {
	}

	/**
	 * Answers 200 with a page.
	 */
	static Mono<ServerResponse> ok(String title, String content) {
		return render(ServerResponse.ok(), title, content);
	}

	/**
	 * Completes {@code response} with a page. Pages show who is signed in, so no cache
	 * may keep them; no {@code X-Frame-Options} either, as the Pi Browser frames the shop
	 * and the proxy decides who may.
	 */
	static Mono<ServerResponse> render(ServerResponse.BodyBuilder response, String title, String content) {
		return respond(response, title, "", content);
	}

	/**
	 * Answers 200 with a page that the browser reloads every {@code seconds} (a meta
	 * refresh: no script, so no Content-Security-Policy to loosen).
	 */
	static Mono<ServerResponse> refreshing(String title, String content, int seconds) {
		return respond(ServerResponse.ok(), title, "<meta http-equiv=\"refresh\" content=\"" + seconds + "\"/>",
				content);
	}

	private static Mono<ServerResponse> respond(ServerResponse.BodyBuilder response, String title, String head,
			String content) {
		return response.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.bodyValue(LAYOUT.formatted(escape(title), head, content));
	}

	/**
	 * Escapes text (a header value, a form field) for an element's content or a quoted
	 * attribute. With UTF-8 pages only the five markup characters need escaping.
	 */
	static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

	/**
	 * A "Sign in with Pi" link to the proxy's sign-in page, returning to {@code path}.
	 */
	static String signInLink(String path) {
		return "<a id=\"sign-in\" class=\"button\" href=\"" + escape(SIGN_IN_PATH + path) + "\">Sign in with Pi</a>";
	}

}
