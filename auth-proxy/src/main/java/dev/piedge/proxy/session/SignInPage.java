package dev.piedge.proxy.session;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.framing.FrameAncestorsPolicy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page. It loads the Pi SDK, calls {@code Pi.init} and
 * {@code Pi.authenticate(["username", "payments"], onIncompletePaymentFound)}, posts the
 * token to {@code /pi-edge/session} and goes to {@code rd}. An incomplete payment the SDK
 * reports is posted to the payments route's {@code incomplete} callback as pi-sdk-js does
 * ({@code {paymentId, transactionId}}). Outside the Pi Browser the real SDK never
 * answers, so the page says plainly where to open the app.
 * <p>
 * The page runs under a strict Content-Security-Policy: its only inline script and style
 * carry a fresh nonce, scripts come from the SDK's origin and nowhere else, and the
 * page's data travels in a JSON block that is never executed.
 */
@Component
class SignInPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final BrowserProperties properties;

	private final String sdkOrigin;

	private final String frameAncestors;

	SignInPage(BrowserProperties properties, FrameAncestorsPolicy frameAncestors) {
		this.properties = properties;
		this.frameAncestors = frameAncestors.directive();
		URI sdk = properties.sdkUrl();
		this.sdkOrigin = sdk.getScheme() + "://" + sdk.getRawAuthority();
	}

	/** A fresh nonce for one response. */
	String nonce() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	String contentSecurityPolicy(String nonce) {
		return "default-src 'none'; script-src 'nonce-" + nonce + "' " + this.sdkOrigin + "; connect-src 'self' "
				+ this.sdkOrigin + "; img-src 'self' data: " + this.sdkOrigin + "; frame-src " + this.sdkOrigin
				+ "; style-src 'nonce-" + nonce + "'; base-uri 'none'; form-action 'self'; " + this.frameAncestors;
	}

	String render(String rd, String nonce) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("sandbox", this.properties.sandbox());
		config.put("rd", rd);
		config.put("session", "/pi-edge/session");
		config.put("incomplete", "/pi_payment/incomplete");
		String data = scriptSafe(JSON.writeValueAsString(config));
		String sdk = HtmlUtils.htmlEscape(this.properties.sdkUrl().toString());
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta name="referrer" content="no-referrer">
				<title>Sign in with Pi</title>
				<style nonce="%1$s">
				body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: flex; min-height: 100vh;
				  align-items: center; justify-content: center; background: #f6f4fb; color: #222; }
				main { max-width: 28rem; padding: 2rem; text-align: center; }
				h1 { font-size: 1.4rem; color: #5b2a86; }
				#pi-edge-outside { display: none; background: #fff3cd; padding: 1rem; border-radius: .5rem; }
				#pi-edge-retry { display: none; margin-top: 1rem; padding: .6rem 1.2rem; font-size: 1rem; }
				</style>
				<script type="application/json" id="pi-edge-sign-in">%2$s</script>
				<script nonce="%1$s" src="%3$s"></script>
				</head>
				<body>
				<main>
				<h1>Sign in with Pi</h1>
				<p id="pi-edge-status" role="status">Asking the Pi Browser who you are…</p>
				<p id="pi-edge-outside">This page signs you in with your Pi account, which only works inside the
				Pi Browser. Open this app in the Pi Browser and try again.</p>
				<button id="pi-edge-retry" type="button">Try again</button>
				</main>
				<script nonce="%1$s">
				(function () {
				  'use strict';
				  var config = JSON.parse(document.getElementById('pi-edge-sign-in').textContent);
				  var status = document.getElementById('pi-edge-status');
				  var outside = document.getElementById('pi-edge-outside');
				  var retry = document.getElementById('pi-edge-retry');
				  function say(text) { status.textContent = text; }
				  function notInPiBrowser() { outside.style.display = 'block'; }
				  retry.addEventListener('click', function () { window.location.reload(); });
				  if (!window.Pi) {
				    say('The Pi SDK could not be loaded.');
				    notInPiBrowser();
				    retry.style.display = 'inline-block';
				    return;
				  }
				  // The real SDK answers only inside the Pi Browser (or Pi's desktop sandbox), which frames the app.
				  if (window.self === window.top && !config.sandbox) {
				    notInPiBrowser();
				  }
				  var waiting = window.setTimeout(function () {
				    say('No answer from the Pi Browser.');
				    notInPiBrowser();
				    retry.style.display = 'inline-block';
				  }, 20000);
				  // As pi-sdk-js does: hand an unfinished payment to the payment sidecar to complete or cancel.
				  function onIncompletePaymentFound(payment) {
				    return window.fetch(config.incomplete, {
				      method: 'POST',
				      credentials: 'same-origin',
				      headers: { 'Content-Type': 'application/json' },
				      body: JSON.stringify({
				        paymentId: payment.identifier,
				        transactionId: payment.transaction ? payment.transaction.txid : null
				      })
				    });
				  }
				  Promise.resolve(window.Pi.init({ version: '2.0', sandbox: config.sandbox }))
				    .then(function () {
				      return window.Pi.authenticate(['username', 'payments'], onIncompletePaymentFound);
				    })
				    .then(function (auth) {
				      window.clearTimeout(waiting);
				      say('Signing you in…');
				      return window.fetch(config.session, {
				        method: 'POST',
				        credentials: 'same-origin',
				        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
				        body: JSON.stringify({ accessToken: auth.accessToken })
				      });
				    })
				    .then(function (response) {
				      if (!response.ok) {
				        throw new Error('the proxy answered ' + response.status);
				      }
				      say('Signed in.');
				      window.location.replace(config.rd);
				    })
				    .catch(function (error) {
				      window.clearTimeout(waiting);
				      say('Sign-in did not work: ' + (error && error.message ? error.message : error));
				      retry.style.display = 'inline-block';
				    });
				})();
				</script>
				</body>
				</html>
				""".formatted(nonce, data, sdk);
	}

	/**
	 * JSON that cannot end its script element or open a comment inside it, whatever a
	 * string holds.
	 */
	private static String scriptSafe(String json) {
		return json.replace("<", "\\u003c")
			.replace(">", "\\u003e")
			.replace("&", "\\u0026")
			.replace("\u2028", "\\u2028")
			.replace("\u2029", "\\u2029");
	}

}
