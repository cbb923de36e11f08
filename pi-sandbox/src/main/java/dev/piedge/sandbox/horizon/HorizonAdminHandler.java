package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;

/**
 * Emulator-only endpoints under {@code /sandbox/horizon}: list what landed (to count
 * payments, e.g. after a crash test), set an account's balance or sequence, reset the
 * chain. Unauthenticated, like the other admin endpoints; errors use Pi's shape.
 */
@Component
class HorizonAdminHandler {

	private final EmulatedChain chain;

	private final JsonBodyReader bodies;

	HorizonAdminHandler(EmulatedChain chain, JsonBodyReader bodies) {
		this.chain = chain;
		this.bodies = bodies;
	}

	Mono<ServerResponse> transactions(ServerRequest request) {
		String base = HorizonHandler.base(request);
		return Mono.fromCallable(chain::transactions)
			.flatMap(all -> ServerResponse.ok()
				.bodyValue(Map.of("transactions", all.stream().map(tx -> HorizonJson.transaction(tx, base)).toList())));
	}

	/** {@code {"balance":"12.5","sequence":"8589934600"}}; either may be left out. */
	Mono<ServerResponse> setAccount(ServerRequest request) {
		String id = request.pathVariable("id");
		if (!HorizonHandler.isAccountId(id)) {
			return Mono.error(PiApiException.invalidArguments("'" + id + "' is not a Stellar public key."));
		}
		return bodies.read(request)
			.switchIfEmpty(Mono.error(() -> PiApiException.invalidArguments("Send {\"balance\":..,\"sequence\":..}.")))
			.flatMap(body -> Mono.fromCallable(() -> chain.setAccount(id, balance(body), sequence(body))))
			.flatMap(account -> ServerResponse.ok()
				.bodyValue(HorizonJson.account(account, HorizonHandler.base(request))));
	}

	Mono<ServerResponse> reset(ServerRequest request) {
		return Mono.fromRunnable(chain::reset).then(ServerResponse.noContent().build());
	}

	private static Long balance(JsonNode body) {
		JsonNode balance = body.get("balance");
		if (balance == null || balance.isNull()) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(balance.asString());
			if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 7) {
				throw PiApiException.invalidArguments("'balance' must be at least 0, with at most 7 decimals.");
			}
			return Stroops.of(amount);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw PiApiException.invalidArguments("'balance' must be a decimal such as \"12.5\".");
		}
	}

	private static Long sequence(JsonNode body) {
		JsonNode sequence = body.get("sequence");
		if (sequence == null || sequence.isNull()) {
			return null;
		}
		try {
			long value = Long.parseLong(sequence.asString());
			if (value < 0) {
				throw PiApiException.invalidArguments("'sequence' must not be negative.");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw PiApiException.invalidArguments("'sequence' must be a whole number such as \"8589934600\".");
		}
	}

}
