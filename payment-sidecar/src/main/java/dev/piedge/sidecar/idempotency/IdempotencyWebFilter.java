package dev.piedge.sidecar.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.piedge.problem.ProblemErrorWebExceptionHandler;
import dev.piedge.sidecar.api.ApiPaths;
import dev.piedge.sidecar.api.ApiPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on every {@code POST} of the backend API (Stripe's model, and
 * the IETF draft's status codes). Keys are kept per caller ({@link ApiPrincipal#id()})
 * with a SHA-256 of the method, path and body:
 * <ul>
 * <li>a new key runs the request under a lease and stores its answer before the caller
 * sees it;</li>
 * <li>the same key and request again replays that answer (status, body and the headers in
 * {@link StoredAnswer#KEPT_HEADERS}) with {@code Idempotent-Replayed: true}, and the
 * request does not run;</li>
 * <li>the same key with another request is 422 {@code idempotency_key_reused};</li>
 * <li>while the first request runs, 409 {@code idempotency_in_progress};</li>
 * <li>a request that ends in a 5xx stores nothing: the key is released and a retry runs
 * anew. One whose instance dies keeps the key until its lease ends, then a retry with the
 * same request runs anew.</li>
 * </ul>
 * Answers below 500, refusals included, are stored and replayed as they were. Requests
 * without the header pass untouched.
 */
@Component
// Only where there is a web server to filter for (tests of the ledger alone run without
// one).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class IdempotencyWebFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyWebFilter.class);

	/** After authentication, which names the caller whose keys these are. */
	public static final int ORDER = 200;

	private static final byte[] EMPTY = new byte[0];

	private final IdempotencyRepository repository;

	private final IdempotencyProperties properties;

	private final ProblemErrorWebExceptionHandler errors;

	private final Clock clock;

	private final int maxBodySize;

	IdempotencyWebFilter(IdempotencyRepository repository, IdempotencyProperties properties,
			ProblemErrorWebExceptionHandler errors, Clock clock,
			@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBodySize) {
		this.repository = repository;
		this.properties = properties;
		this.errors = errors;
		this.clock = clock;
		this.maxBodySize = (int) maxBodySize.toBytes();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> values = request.getHeaders().get(IdempotencyKeys.HEADER);
		ApiPrincipal principal = ApiPrincipal.of(exchange);
		if (!HttpMethod.POST.equals(request.getMethod()) || values == null || values.isEmpty() || principal == null
				|| !ApiPaths.isApi(request)) {
			return chain.filter(exchange);
		}
		IdempotencyKey key;
		try {
			key = IdempotencyKey.parse(values);
		}
		catch (InvalidIdempotencyKeyException ex) {
			return Mono.error(ex);
		}
		return body(request).flatMap(body -> {
			byte[] fingerprint = fingerprint(request, body);
			UUID token = UUID.randomUUID();
			Instant now = this.clock.instant();
			return this.repository
				.claim(principal.id(), key.value(), fingerprint, token, now, now.plus(this.properties.lease()))
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap(found -> {
					if (found.isEmpty()) {
						return Mono.error(IdempotencyInProgressException.create());
					}
					IdempotencyRecord record = found.get();
					if (!MessageDigest.isEqual(record.requestSha256(), fingerprint)) {
						return Mono.error(IdempotencyKeyReusedException.create());
					}
					if (record.claimed()) {
						return run(exchange, chain, body, new Lease(principal.id(), key.value(), token));
					}
					if (record.completed()) {
						return replay(exchange.getResponse(), record.answer());
					}
					return Mono.error(IdempotencyInProgressException.create());
				});
		});
	}

	/**
	 * Runs the request with its body re-readable and its answer recorded. Failures are
	 * turned into their problem answer here, inside the recording, so a refusal is
	 * replayed like any other answer.
	 */
	private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, byte[] body, Lease lease) {
		ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				return (body.length == 0) ? Flux.empty()
						: Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}
		};
		AnswerRecordingResponse response = new AnswerRecordingResponse(exchange.getResponse(),
				answer -> store(lease, answer));
		ServerWebExchange recorded = exchange.mutate().request(request).response(response).build();
		return chain.filter(recorded).onErrorResume(ex -> this.errors.handle(recorded, ex));
	}

	private Mono<Void> store(Lease lease, StoredAnswer answer) {
		Mono<?> write = HttpStatusCode.valueOf(answer.status()).is5xxServerError()
				? this.repository.release(lease.principal(), lease.key(), lease.token())
				: this.repository.complete(lease.principal(), lease.key(), lease.token(), answer, this.clock.instant());
		// The caller gets the answer even when it cannot be stored; the key then stays
		// leased until its lease ends, and a retry after that runs anew.
		return write.onErrorResume(ex -> {
			log.warn("Could not record the answer for an Idempotency-Key of {}: {}", lease.principal(), ex.toString());
			return Mono.empty();
		}).then();
	}

	private static Mono<Void> replay(ServerHttpResponse response, StoredAnswer answer) {
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		answer.headers().forEach((name, values) -> response.getHeaders().put(name, values));
		response.getHeaders().set(IdempotencyKeys.REPLAYED_HEADER, "true");
		if (answer.body().length == 0) {
			return response.setComplete();
		}
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
	}

	/** The whole body, up to the codecs' limit (413 {@code body_too_large} beyond it). */
	private Mono<byte[]> body(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxBodySize).map(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(EMPTY).onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new);
	}

	/** SHA-256 of the method, the raw path and query, and the body. */
	private static byte[] fingerprint(ServerHttpRequest request, byte[] body) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
		String query = request.getURI().getRawQuery();
		String target = request.getMethod().name() + " " + request.getURI().getRawPath()
				+ ((query != null) ? "?" + query : "") + "\n";
		digest.update(target.getBytes(StandardCharsets.UTF_8));
		return digest.digest(body);
	}

	private record Lease(String principal, String key, UUID token) {
	}

}
