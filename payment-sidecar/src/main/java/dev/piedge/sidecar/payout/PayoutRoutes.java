package dev.piedge.sidecar.payout;

import java.util.UUID;

import dev.piedge.sidecar.api.ApiAccess;
import dev.piedge.sidecar.api.ApiPaths;
import dev.piedge.sidecar.api.ApiPrincipal;
import dev.piedge.sidecar.api.Permission;
import dev.piedge.sidecar.idempotency.IdempotencyKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The payout API: {@code POST /pi-edge/api/payouts} (202, {@code Idempotency-Key}
 * required, {@code payouts:write}), {@code GET …/payouts/{id}} and
 * {@code GET …/payouts?reference=} ({@code payouts:read}), and {@code POST
 * …/payouts/{id}/cancel} ({@code payouts:write}). A caller sees only its own payouts.
 */
@Configuration(proxyBeanMethods = false)
class PayoutRoutes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PAYOUTS = ApiPaths.PREFIX + "/payouts";

	@Bean
	RouterFunction<ServerResponse> payoutWriteRouter(PayoutService payouts) {
		return RouterFunctions.route()
			.POST(PAYOUTS, IdempotencyKeys.required(request -> create(payouts, request)))
			.POST(PAYOUTS + "/{id}/cancel",
					IdempotencyKeys.required(request -> payouts.cancel(owner(request), id(request))
						.flatMap(payout -> answer(ServerResponse.ok(), payout))))
			.filter(ApiAccess.requires(Permission.PAYOUTS_WRITE))
			.build();
	}

	@Bean
	RouterFunction<ServerResponse> payoutReadRouter(PayoutService payouts) {
		return RouterFunctions.route()
			.GET(PAYOUTS + "/{id}",
					request -> payouts.find(owner(request), id(request))
						.flatMap(payout -> answer(ServerResponse.ok(), payout)))
			.GET(PAYOUTS,
					request -> request.queryParam("reference")
						.map(reference -> payouts.findByReference(owner(request), reference))
						.orElseGet(
								() -> Mono.error(PayoutException.invalid("Give ?reference= to find a payout by it.")))
						.flatMap(payout -> answer(ServerResponse.ok(), payout)))
			.filter(ApiAccess.requires(Permission.PAYOUTS_READ))
			.build();
	}

	private static Mono<ServerResponse> create(PayoutService payouts, ServerRequest request) {
		return request.bodyToMono(String.class)
			.switchIfEmpty(Mono.error(() -> PayoutException.invalid("A JSON body is required.")))
			.map(PayoutRoutes::parse)
			.flatMap(body -> payouts.request(owner(request), body))
			.flatMap(payout -> answer(ServerResponse.status(HttpStatus.ACCEPTED), payout));
	}

	private static PayoutRequest parse(String body) {
		try {
			PayoutRequest request = JSON.readValue(body, PayoutRequest.class);
			if (request == null) {
				throw PayoutException.invalid("A JSON object is required.");
			}
			return request;
		}
		catch (RuntimeException ex) {
			if (ex instanceof PayoutException payoutException) {
				throw payoutException;
			}
			// The parser's message may quote the body: not passed on.
			throw PayoutException.invalid("The body is not a payout: {uid, amount, memo, metadata, reference}.");
		}
	}

	private static Mono<ServerResponse> answer(ServerResponse.BodyBuilder status, Payout payout) {
		return status.contentType(MediaType.APPLICATION_JSON).bodyValue(PayoutService.view(payout));
	}

	private static String owner(ServerRequest request) {
		return ApiPrincipal.of(request.exchange()).id();
	}

	private static UUID id(ServerRequest request) {
		try {
			return UUID.fromString(request.pathVariable("id"));
		}
		catch (IllegalArgumentException ex) {
			throw PayoutException.notFound();
		}
	}

}
