package dev.piedge.sidecar.api;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.idempotency.IdempotencyKeys;
import dev.piedge.test.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What the backend API tests add to the sidecar: a hand-moved clock, and small API
 * endpoints under {@code /pi-edge/api/test/} that count how often they really ran (by
 * request body, which each test makes unique), until the payout endpoints exist.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiTestConfiguration {

	public static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(START);
	}

	@Bean
	Runs runs() {
		return new Runs();
	}

	@Bean
	RouterFunction<ServerResponse> testApiRouter(Runs runs) {
		return RouterFunctions.route()
			.path(ApiPaths.PREFIX + "/test",
					routes -> routes
						.POST("/orders",
								request -> ran(request, runs).flatMap(run -> ServerResponse
									.created(URI.create(ApiPaths.PREFIX + "/test/orders/" + run.number()))
									.contentType(MediaType.APPLICATION_JSON)
									.header("X-Run", String.valueOf(run.number()))
									.bodyValue(Map.of("order", run.number(), "received", run.body()))))
						.POST("/orders-with-key",
								IdempotencyKeys.required(request -> ran(request, runs)
									.flatMap(run -> ServerResponse.ok().bodyValue(Map.of("order", run.number())))))
						.POST("/slow",
								request -> ran(request, runs).flatMap(run -> runs.gate()
									.asMono()
									.then(ServerResponse.ok().bodyValue(Map.of("order", run.number())))))
						.POST("/refused", request -> ran(request, runs).then(Mono.error(new RefusedByTestException())))
						.POST("/broken",
								request -> ran(request, runs).then(Mono.error(new IllegalStateException("broken"))))
						.POST("/empty", request -> ran(request, runs).then(ServerResponse.noContent().build()))
						.GET("/payouts", request -> ServerResponse.ok().bodyValue(Map.of("payouts", 0)))
						.filter((request, next) -> request.method().name().equals("GET")
								? ApiAccess.requires(Permission.PAYOUTS_READ).filter(request, next)
								: ApiAccess.requires(Permission.PAYOUTS_WRITE).filter(request, next)))
			.build();
	}

	private static Mono<Run> ran(ServerRequest request, Runs runs) {
		return request.bodyToMono(String.class).defaultIfEmpty("").map(body -> new Run(runs.count(body), body));
	}

	record Run(int number, String body) {
	}

	/** How often each request body reached an endpoint, and the gate that holds /slow. */
	public static final class Runs {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		private volatile Sinks.Empty<Void> gate = Sinks.empty();

		int count(String body) {
			return this.counts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
		}

		public int of(String body) {
			AtomicInteger count = this.counts.get(body);
			return (count != null) ? count.get() : 0;
		}

		Sinks.Empty<Void> gate() {
			return this.gate;
		}

		/** Closes the gate: /slow requests wait until {@link #open()}. */
		public void close() {
			this.gate = Sinks.empty();
		}

		public void open() {
			this.gate.tryEmitEmpty();
		}

	}

	/** A definite refusal of a test endpoint, as a real endpoint's would be. */
	static final class RefusedByTestException extends ProblemException {

		RefusedByTestException() {
			super(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_REQUEST, "Refused by the test endpoint.");
		}

	}

}
