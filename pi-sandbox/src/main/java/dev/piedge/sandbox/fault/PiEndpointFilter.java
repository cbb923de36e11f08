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

import dev.piedge.sandbox.error.PiApiException;

/**
 * Wraps each Pi endpoint: counts the call, then lets a matching fault rule delay, replace
 * or swallow the answer. Counting comes first so that calls answered by a fault are
 * counted too.
 */
@Component
public class PiEndpointFilter {

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
				.map(fault -> withFault(fault, request, next))
				.orElseGet(() -> next.handle(request));
		};
	}

	private static Mono<ServerResponse> withFault(FaultRule fault, ServerRequest request,
			HandlerFunction<ServerResponse> next) {
		Mono<ServerResponse> answer;
		if (fault.hangs()) {
			answer = Mono.never();
		}
		else if (fault.status() != null) {
			answer = Mono.defer(() -> injectedStatus(fault));
		}
		else {
			answer = Mono.defer(() -> next.handle(request));
		}
		if (fault.latencyMs() == null) {
			return answer;
		}
		return Mono.delay(Duration.ofMillis(fault.latencyMs())).then(answer);
	}

	private static Mono<ServerResponse> injectedStatus(FaultRule fault) {
		int status = fault.status();
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

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Server Error";
	}

}
