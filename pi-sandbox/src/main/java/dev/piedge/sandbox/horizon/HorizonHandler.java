package dev.piedge.sandbox.horizon;

import java.util.regex.Pattern;

import org.stellar.sdk.StrKey;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

import dev.piedge.sandbox.error.HorizonProblemException;
import dev.piedge.sandbox.fault.PiEndpointFilter;

/**
 * The Horizon endpoints a payout needs, under {@link HorizonRouter#PREFIX}: accounts, fee
 * statistics, transaction submission and lookup.
 */
@Component
class HorizonHandler {

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	private final EmulatedChain chain;

	private final TransactionSubmitter submitter;

	HorizonHandler(EmulatedChain chain, TransactionSubmitter submitter) {
		this.chain = chain;
		this.submitter = submitter;
	}

	Mono<ServerResponse> account(ServerRequest request) {
		String id = request.pathVariable("id");
		if (!isAccountId(id)) {
			return Mono.error(HorizonProblemException.badRequest("account_id", "Not a Stellar public key ('G...')."));
		}
		return Mono.fromCallable(() -> chain.account(id))
			.flatMap(Mono::justOrEmpty)
			.switchIfEmpty(Mono.error(HorizonProblemException::notFound))
			.flatMap(account -> ServerResponse.ok().bodyValue(HorizonJson.account(account, base(request))));
	}

	Mono<ServerResponse> feeStats(ServerRequest request) {
		return Mono.fromCallable(chain::lastLedger)
			.flatMap(ledger -> ServerResponse.ok().bodyValue(HorizonJson.feeStats(ledger, chain.baseFee())));
	}

	/** Form field {@code tx}: the base64 transaction envelope. */
	Mono<ServerResponse> submit(ServerRequest request) {
		String injected = (String) request.attributes().get(PiEndpointFilter.INJECTED_RESULT_CODE);
		String base = base(request);
		return request.formData()
			.mapNotNull(form -> form.getFirst("tx"))
			.filter(tx -> !tx.isBlank())
			.switchIfEmpty(Mono.error(() -> HorizonProblemException.badRequest("tx",
					"Send the base64 transaction envelope as the form field tx.")))
			.flatMap(tx -> Mono.fromCallable(() -> submitter.submit(tx.trim(), injected, base + "/transactions/")))
			.flatMap(landed -> ServerResponse.ok().bodyValue(HorizonJson.transaction(landed, base)));
	}

	Mono<ServerResponse> transaction(ServerRequest request) {
		String hash = request.pathVariable("hash");
		if (!HASH.matcher(hash).matches()) {
			return Mono.error(HorizonProblemException.badRequest("tx_id", "A transaction hash is 64 hex digits."));
		}
		return Mono.fromCallable(() -> chain.transaction(hash))
			.flatMap(Mono::justOrEmpty)
			.switchIfEmpty(Mono.error(HorizonProblemException::notFound))
			.flatMap(tx -> ServerResponse.ok().bodyValue(HorizonJson.transaction(tx, base(request))));
	}

	static boolean isAccountId(String id) {
		try {
			StrKey.decodeEd25519PublicKey(id);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * This Horizon's base URL as the client sees it, e.g.
	 * {@code http://host:8090/horizon}.
	 */
	static String base(ServerRequest request) {
		return UriComponentsBuilder.fromUri(request.uri())
			.replacePath(HorizonRouter.PREFIX)
			.replaceQuery(null)
			.build()
			.toUriString();
	}

}
