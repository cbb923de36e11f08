package dev.piedge.sidecar.checkout;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * The checkout page: the items, total and memo from the server, and a Pay button that
 * calls {@code Pi.createPayment} with the session's id in the metadata; the SDK's
 * callbacks go to the handshake ({@code /pi_payment/…}), which checks the payment against
 * the session. A paid or expired session shows that, and no Pay button.
 * <p>
 * Like the proxy's sign-in page, it runs under a strict Content-Security-Policy: its only
 * inline script and style carry a fresh nonce, scripts come from the SDK's origin and
 * nowhere else, and the page's data travels in a JSON block that is never executed. Every
 * server value in the HTML is escaped.
 */
@Component
class CheckoutPage {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final CheckoutProperties properties;

	private final Clock clock;

	CheckoutPage(CheckoutProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	Mono<ServerResponse> render(CheckoutSession session) {
		String nonce = nonce();
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", contentSecurityPolicy(nonce))
			.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.bodyValue(html(session, nonce));
	}

	String contentSecurityPolicy(String nonce) {
		String sdk = this.properties.sdkOrigin();
		return "default-src 'none'; script-src 'nonce-" + nonce + "' " + sdk + "; connect-src 'self' " + sdk
				+ "; img-src 'self' data: " + sdk + "; frame-src " + sdk + "; style-src 'nonce-" + nonce
				+ "'; base-uri 'none'; form-action 'self'";
	}

	private String nonce() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private String html(CheckoutSession session, String nonce) {
		String state = session.isPayable(this.clock.instant()) ? "open"
				: CheckoutSession.COMPLETE.equals(session.status()) ? "complete" : "expired";
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("sandbox", this.properties.sandbox());
		config.put("state", state);
		config.put("id", session.id());
		config.put("amount", CheckoutViews.amount(session.total()));
		config.put("memo", session.memo());
		config.put("successUrl", session.successUrl());
		config.put("approve", "/pi_payment/approve");
		config.put("complete", "/pi_payment/complete");
		config.put("cancel", "/pi_payment/cancel");
		config.put("incomplete", "/pi_payment/incomplete");
		String items = session.lineItems()
			.stream()
			.map(item -> "<li><span class=\"name\">" + HtmlUtils.htmlEscape(item.name()) + "</span> × "
					+ item.quantity() + " <span class=\"amount\">" + CheckoutViews.amount(item.amount())
					+ " π</span></li>")
			.collect(Collectors.joining("\n"));
		String status = switch (state) {
			case "complete" -> "This checkout is paid.";
			case "expired" -> "This checkout has expired.";
			default -> "Loading the Pi SDK…";
		};
		return TEMPLATE.formatted(nonce, scriptSafe(JSON.writeValueAsString(config)),
				HtmlUtils.htmlEscape(this.properties.sdkUrl().toString()), items, CheckoutViews.amount(session.total()),
				HtmlUtils.htmlEscape(session.memo()), status, HtmlUtils.htmlEscape(session.cancelUrl()),
				"open".equals(state) ? "" : " hidden");
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

	// %1$s nonce, %2$s config JSON, %3$s SDK URL, %4$s items, %5$s total, %6$s memo,
	// %7$s status, %8$s cancel URL, %9$s hides the Pay button unless the session is open.
	private static final String TEMPLATE = """
			<!doctype html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<meta name="referrer" content="no-referrer">
			<title>Checkout</title>
			<style nonce="%1$s">
			body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: flex; min-height: 100vh;
			  align-items: center; justify-content: center; background: #f6f4fb; color: #222; }
			main { max-width: 28rem; padding: 2rem; }
			h1 { font-size: 1.4rem; color: #5b2a86; }
			#checkout-items { padding-left: 1.2rem; }
			#pay, #retry { padding: .6rem 1.2rem; font-size: 1rem; margin-right: .5rem; }
			[hidden] { display: none !important; }
			</style>
			<script type="application/json" id="checkout-config">%2$s</script>
			<script nonce="%1$s" src="%3$s"></script>
			</head>
			<body>
			<main>
			<h1>Checkout</h1>
			<ul id="checkout-items">
			%4$s
			</ul>
			<p>Total: <strong><span id="checkout-total">%5$s</span> π</strong></p>
			<p id="checkout-memo">%6$s</p>
			<p id="checkout-status" role="status">%7$s</p>
			<button id="pay" type="button" disabled%9$s>Pay with Pi</button>
			<button id="retry" type="button" hidden>Try again</button>
			<p><a id="cancel-link" href="%8$s">Cancel and go back</a></p>
			</main>
			<script nonce="%1$s">
			(function () {
			  'use strict';
			  var config = JSON.parse(document.getElementById('checkout-config').textContent);
			  var status = document.getElementById('checkout-status');
			  var pay = document.getElementById('pay');
			  var retry = document.getElementById('retry');
			  function say(text) { status.textContent = text; }
			  function post(url, body) {
			    return window.fetch(url, {
			      method: 'POST',
			      credentials: 'same-origin',
			      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
			      body: JSON.stringify(body)
			    }).then(function (response) {
			      if (response.ok) {
			        return response;
			      }
			      // A refusal's code is shown verbatim: the buyer (and a test) can tell why.
			      return response.json().catch(function () { return {}; }).then(function (problem) {
			        throw new Error(problem && problem.code ? problem.code : 'http_' + response.status);
			      });
			    });
			  }
			  function failed(error) {
			    say(error && error.message ? error.message : String(error));
			    retry.hidden = false;
			  }
			  if (config.state !== 'open') {
			    return;
			  }
			  if (!window.Pi) {
			    failed(new Error('The Pi SDK could not be loaded.'));
			    return;
			  }
			  // As pi-sdk-js does: an unfinished payment goes to the sidecar to complete or cancel.
			  function onIncompletePaymentFound(payment) {
			    return post(config.incomplete, {
			      paymentId: payment.identifier,
			      transactionId: payment.transaction ? payment.transaction.txid : null
			    }).catch(function () { return null; });
			  }
			  function startPayment() {
			    pay.disabled = true;
			    retry.hidden = true;
			    say('Waiting for the Pi Browser…');
			    window.Pi.createPayment({
			      amount: Number(config.amount),
			      memo: config.memo,
			      metadata: { pi_edge_checkout: config.id }
			    }, {
			      onReadyForServerApproval: function (paymentId) {
			        say('Approving the payment…');
			        post(config.approve, { paymentId: paymentId }).catch(function (error) {
			          failed(error);
			          pay.disabled = false;
			        });
			      },
			      onReadyForServerCompletion: function (paymentId, txid) {
			        say('Completing the payment…');
			        post(config.complete, { paymentId: paymentId, txid: txid }).then(function () {
			          say('Paid.');
			          window.location.assign(config.successUrl);
			        }).catch(failed);
			      },
			      onCancel: function (paymentId) {
			        post(config.cancel, { paymentId: paymentId }).catch(function () { return null; });
			        failed(new Error('The payment was cancelled.'));
			        pay.disabled = false;
			      },
			      onError: function (error) {
			        failed(error);
			        pay.disabled = false;
			      }
			    });
			  }
			  pay.addEventListener('click', startPayment);
			  retry.addEventListener('click', startPayment);
			  Promise.resolve(window.Pi.init({ version: '2.0', sandbox: config.sandbox }))
			    .then(function () {
			      return window.Pi.authenticate(['payments'], onIncompletePaymentFound);
			    })
			    .then(function () {
			      say('Ready to pay.');
			      pay.disabled = false;
			    })
			    .catch(failed);
			})();
			</script>
			</body>
			</html>
			""";

}
