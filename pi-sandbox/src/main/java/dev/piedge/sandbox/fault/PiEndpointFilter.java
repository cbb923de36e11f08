package dev.piedge.sandbox.fault;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.error.HorizonProblemException;
import dev.piedge.sandbox.error.PiApiException;

/**
 * Wraps each Pi endpoint: counts the call, then lets a matching fault rule delay, replace
 * or swallow the answer. Counting comes first so that calls answered by a fault are
 * counted too.
 */
@Component
public class PiEndpointFilter {

	/**
	 * Request attribute holding the transaction result code a fault rule makes a Horizon
	 * submission fail with (e.g. {@code tx_bad_seq}); the submission handler answers with
	 * it instead of landing the transaction.
	 */
	public static final String INJECTED_RESULT_CODE = PiEndpointFilter.class.getName() + ".injectedResultCode";

	private final CallCounter calls;

	private final FaultRegistry faults;

	PiEndpointFilter(CallCounter calls, FaultRegistry faults) {
		this.calls = calls;
		this.faults = faults;
	}

	public HandlerFilterFunction<ServerResponse, ServerResponse> forEndpoint(PiEndpoint endpoint) {
		return (request, next) -> {
			calls.record(endpoint);
			return faults.take(endpoint)
				.map(fault -> withFault(endpoint, fault, request, next))
				.orElseGet(() -> next.handle(request));
		};
	}

	private static Mono<ServerResponse> withFault(PiEndpoint endpoint, FaultRule fault, ServerRequest request,
			HandlerFunction<ServerResponse> next) {
		Mono<ServerResponse> answer;
		if (fault.resultCode() != null) {
			answer = Mono.defer(() -> {
				request.attributes().put(INJECTED_RESULT_CODE, fault.resultCode());
				return next.handle(request);
			});
		}
		else if (fault.hangs()) {
			answer = Mono.never();
		}
		else if (fault.status() != null) {
			answer = Mono.defer(() -> injectedStatus(endpoint, fault));
		}
		else {
			answer = Mono.defer(() -> next.handle(request));
		}
		if (fault.isApplied()) {
			// The handler does its work (e.g. lands a transaction) while it builds its
			// response; only that response is dropped. A refusal still answers as usual.
			Mono<ServerResponse> replaced = answer;
			answer = Mono.defer(() -> next.handle(request)).then(replaced);
		}
		if (fault.latencyMs() == null) {
			return answer;
		}
		return Mono.delay(Duration.ofMillis(fault.latencyMs())).then(answer);
	}

	private static Mono<ServerResponse> injectedStatus(PiEndpoint endpoint, FaultRule fault) {
		int status = fault.status();
		if (endpoint.isHorizon()) {
			return horizonStatus(fault);
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			return ServerResponse.status(status)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(fault.retryAfterSeconds()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(PiApiException.tooManyRequests().body());
		}
		if (status >= 500) {
			// Pi's outages have answered with HTML error pages (pi-platform-docs#29);
			// clients must cope with that.
			return ServerResponse.status(status)
				.contentType(MediaType.TEXT_HTML)
				.bodyValue("<html><head><title>" + status + "</title></head><body><h1>" + status + " " + reason(status)
						+ "</h1><p>Injected by pi-sandbox.</p></body></html>");
		}
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(PiApiException.injectedFault(status).body());
	}

	/**
	 * Horizon answers its own failures as problem+json; a 504 is its submission timeout,
	 * after which the transaction may still land.
	 */
	private static Mono<ServerResponse> horizonStatus(FaultRule fault) {
		int status = fault.status();
		HorizonProblemException problem;
		if (status == HttpStatus.GATEWAY_TIMEOUT.value()) {
			problem = HorizonProblemException.timeout();
		}
		else if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			problem = HorizonProblemException.rateLimitExceeded();
		}
		else {
			problem = HorizonProblemException.injectedStatus(status);
		}
		ServerResponse.BodyBuilder response = ServerResponse.status(status)
			.contentType(HorizonProblemException.MEDIA_TYPE);
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(fault.retryAfterSeconds()));
		}
		return response.bodyValue(problem.body());
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Server Error";
	}

}
