package dev.piedge.pi.client;

import io.netty.channel.ChannelOption;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reactive client for the Pi Network Platform API: {@code GET /v2/me} with the user's
 * access token, and the payment endpoints with the app's Server API Key.
 *
 * <p>
 * Every call is bounded by {@code pi.api.timeout} per attempt and fails only with a
 * {@link PiApiException} subtype (or {@link NullPointerException} for a null argument):
 * <ul>
 * <li>The reads, {@link #me(String)}, {@link #getPayment(PaymentId)} and
 * {@link #incompleteServerPayments()}, are idempotent and retried by
 * {@link PiRetryOperator#idempotent(String, PiRetryPolicy)} with {@code pi.api.retry.*}:
 * on a timeout, connection failure, 5xx or 429, with exponential backoff and jitter. A
 * {@code Retry-After} no longer than {@code max-backoff} is waited out before the
 * backoff; a longer one fails at once, carrying
 * {@link PiApiUnavailableException#retryAfter()}. 4xx answers are never retried. When
 * attempts run out, the last {@link PiApiUnavailableException} is returned
 * unwrapped.</li>
 * <li>approve, complete, cancel and create are POSTs that change state on Pi and are not
 * retried here: after a {@link PiApiUnavailableException} the outcome is unknown. Apply
 * {@link PiRetryOperator#confirmed(String, PiRetryPolicy, java.util.function.Supplier)}
 * with a read of the payment ({@link #getPayment(PaymentId)}) that says whether the call
 * took effect.</li>
 * </ul>
 *
 * <p>
 * Answers larger than {@code pi.api.max-response-size} fail as {@code BAD_RESPONSE}. The
 * client is thread-safe; create one per application, either through
 * {@link PiPlatformClientAutoConfiguration} or with a constructor.
 */
public final class PiPlatformClient {

	/** Longest access token accepted; longer ones are rejected without calling Pi. */
	public static final int MAX_ACCESS_TOKEN_LENGTH = 4096;

	private final WebClient webClient;

	private final PiApiProperties properties;

	private final PiResponseDecoder decoder;

	/**
	 * Creates a client with its own {@link WebClient} and the system UTC clock.
	 * @param properties the settings
	 */
	public PiPlatformClient(PiApiProperties properties) {
		this(properties, WebClient.builder(), Clock.systemUTC());
	}

	/**
	 * Creates a client from a {@link WebClient.Builder}, e.g. the application's
	 * instrumented one.
	 *
	 * <p>
	 * The builder is cloned, not modified. Its base URL, connector and codec limits are
	 * replaced so that the timeouts and the response size limit in {@code properties}
	 * always apply; its filters and default headers are kept.
	 * @param properties the settings
	 * @param webClientBuilder the builder to start from
	 * @param clock the clock used to read HTTP-date {@code Retry-After} values
	 */
	public PiPlatformClient(PiApiProperties properties, WebClient.Builder webClientBuilder, Clock clock) {
		this.properties = Objects.requireNonNull(properties, "properties");
		Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		Objects.requireNonNull(clock, "clock");
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.responseTimeout(properties.timeout());
		this.webClient = webClientBuilder.clone()
			.baseUrl(properties.baseUrl().toString())
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxResponseSize().toBytes()))
			.build();
		this.decoder = new PiResponseDecoder(clock, properties.timeout(), properties.keyFingerprint());
	}

	/**
	 * Verifies an access token: {@code GET /v2/me} with {@code Authorization: Bearer}.
	 * Retried (idempotent).
	 * @param accessToken the token from {@code Pi.authenticate}
	 * @return the user; fails with {@link PiAccessTokenRejectedException} if the token is
	 * malformed (blank, longer than {@value #MAX_ACCESS_TOKEN_LENGTH} characters, or not
	 * visible ASCII, in which case Pi is not called) or Pi answers 401
	 */
	public Mono<PiUser> me(String accessToken) {
		if (!isWellFormedToken(accessToken)) {
			return Mono.error(PiAccessTokenRejectedException.malformed());
		}
		return exchange(PiEndpoint.ME, null, null, headers -> headers.setBearerAuth(accessToken), PiUser.class)
			.transformDeferred(retried(PiEndpoint.ME));
	}

	/**
	 * Reads a payment: {@code GET /v2/payments/{id}}. Retried (idempotent).
	 * @param id the payment id
	 * @return the payment; an unknown id fails with {@link PiApiErrorException} code
	 * {@code payment_not_found}
	 */
	public Mono<PiPayment> getPayment(PaymentId id) {
		Objects.requireNonNull(id, "id");
		return keyed(PiEndpoint.GET_PAYMENT, id, null, PiPayment.class)
			.transformDeferred(retried(PiEndpoint.GET_PAYMENT));
	}

	/**
	 * Approves a user-to-app payment: {@code POST /v2/payments/{id}/approve}. Not
	 * retried.
	 * @param id the payment id
	 * @return the approved payment
	 */
	public Mono<PiPayment> approvePayment(PaymentId id) {
		Objects.requireNonNull(id, "id");
		return keyed(PiEndpoint.APPROVE_PAYMENT, id, null, PiPayment.class);
	}

	/**
	 * Completes a payment with its blockchain transaction: {@code POST
	 * /v2/payments/{id}/complete} with {@code {"txid": ...}}. Not retried. Only a
	 * successful answer proves the payment.
	 * @param id the payment id
	 * @param txid the transaction id
	 * @return the completed payment
	 */
	public Mono<PiPayment> completePayment(PaymentId id, TxId txid) {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(txid, "txid");
		return keyed(PiEndpoint.COMPLETE_PAYMENT, id, Map.of("txid", txid.value()), PiPayment.class);
	}

	/**
	 * Cancels a payment: {@code POST /v2/payments/{id}/cancel}. Not retried.
	 * @param id the payment id
	 * @return the cancelled payment
	 */
	public Mono<PiPayment> cancelPayment(PaymentId id) {
		Objects.requireNonNull(id, "id");
		return keyed(PiEndpoint.CANCEL_PAYMENT, id, null, PiPayment.class);
	}

	/**
	 * Lists the app-to-user payments Pi considers incomplete:
	 * {@code GET /v2/payments/incomplete_server_payments}, unwrapped. Retried
	 * (idempotent).
	 * @return the payments (Pi documents zero or one)
	 */
	public Mono<List<PiPayment>> incompleteServerPayments() {
		return keyed(PiEndpoint.INCOMPLETE_SERVER_PAYMENTS, null, null, IncompleteServerPayments.class)
			.map(IncompleteServerPayments::payments)
			.transformDeferred(retried(PiEndpoint.INCOMPLETE_SERVER_PAYMENTS));
	}

	/**
	 * Creates an app-to-user payment: {@code POST /v2/payments} with {@code {"payment":
	 * {...}}}. Not retried: persist the returned identifier at once. A concurrent payment
	 * fails with {@link PiApiErrorException} code {@code ongoing_payment_found} carrying
	 * the blocking payment.
	 * @param payment the payment to create
	 * @return the created payment
	 */
	public Mono<PiPayment> createPayment(NewPayment payment) {
		Objects.requireNonNull(payment, "payment");
		return keyed(PiEndpoint.CREATE_PAYMENT, null, Map.of("payment", payment), PiPayment.class);
	}

	static boolean isWellFormedToken(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_ACCESS_TOKEN_LENGTH) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			// Visible ASCII only: excludes whitespace, control characters (header
			// injection) and non-ASCII.
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	private <T> PiRetryOperator<T> retried(PiEndpoint endpoint) {
		return PiRetryOperator.idempotent(endpoint.toString(), properties.retry());
	}

	private <T> Mono<T> keyed(PiEndpoint endpoint, PaymentId id, Object body, Class<T> type) {
		if (!properties.hasKey()) {
			return Mono.error(PiApiKeyRejectedException.missing());
		}
		return exchange(endpoint, id, body,
				headers -> headers.set(HttpHeaders.AUTHORIZATION, "Key " + properties.key()), type);
	}

	/**
	 * One attempt: request, per-attempt timeout, and translation of every failure into
	 * the hierarchy.
	 */
	private <T> Mono<T> exchange(PiEndpoint endpoint, PaymentId id, Object body, Consumer<HttpHeaders> auth,
			Class<T> type) {
		byte[] json = null;
		if (body != null) {
			try {
				json = decoder.write(body);
			}
			catch (RuntimeException e) {
				return Mono.error(new IllegalArgumentException(
						"Request body for " + endpoint + " cannot be written as JSON; check the payment metadata", e));
			}
		}
		WebClient.RequestBodySpec request = webClient.method(endpoint.method())
			.uri(uri -> id == null ? uri.path(endpoint.path()).build() : uri.path(endpoint.path()).build(id.value()))
			.accept(MediaType.APPLICATION_JSON)
			.headers(auth);
		WebClient.RequestHeadersSpec<?> ready = json == null ? request
				: request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
		return ready.exchangeToMono(response -> handle(endpoint, response, type))
			.timeout(properties.timeout())
			.onErrorMap(error -> decoder.fromTransport(endpoint, error));
	}

	private <T> Mono<T> handle(PiEndpoint endpoint, ClientResponse response, Class<T> type) {
		int status = response.statusCode().value();
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.flatMap(bytes -> decoder.read(endpoint, bytes, type));
		}
		String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		return response.bodyToMono(byte[].class)
			// The status decides the outcome; an error page too large to read is simply
			// ignored.
			.onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.empty())
			.defaultIfEmpty(new byte[0])
			.flatMap(bytes -> Mono.error(decoder.fromStatus(endpoint, status, retryAfter, bytes)));
	}

}
