package dev.piedge.sidecar.chain;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.piedge.pi.client.TxId;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reactive client for Horizon, the Pi blockchain's HTTP API, with the calls a payout
 * needs. It uses Spring's {@link WebClient}, never stellar-sdk's blocking network client.
 *
 * <ul>
 * <li>Reads ({@link #account}, {@link #baseFee}, {@link #transaction}) are retried on a
 * timeout, a failed connection, a 5xx or a 429 ({@code pi.payouts.horizon.retry.*}), each
 * attempt within {@code pi.payouts.horizon.timeout}.</li>
 * <li>{@link #submit} is made once, within {@code submit-timeout}, and never retried: a
 * submission whose answer is lost may still land, so its outcome is
 * {@link SubmitOutcome.Unknown} and the caller looks the hash up.</li>
 * </ul>
 * Every id is checked before it goes into a URL. Bodies Horizon sends are never logged or
 * passed on.
 */
@Component
public class HorizonClient {

	private static final MediaType HAL_JSON = MediaType.parseMediaType("application/hal+json");

	/** Stands for a body too large to read (compared by identity). */
	private static final byte[] TOO_LARGE = new byte[0];

	/** A payment's envelope is a few hundred characters; far larger is not ours. */
	private static final int MAX_ENVELOPE_LENGTH = 64 * 1024;

	private final HorizonProperties properties;

	private final HorizonAnswers answers;

	private final Map<PiNetwork, WebClient> clients = new EnumMap<>(PiNetwork.class);

	HorizonClient(HorizonProperties properties, Clock clock) {
		this.properties = properties;
		this.answers = new HorizonAnswers(clock);
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxResponseSize().toBytes()))
			.defaultHeaders(headers -> headers.setAccept(List.of(HAL_JSON, MediaType.APPLICATION_JSON)));
		for (PiNetwork network : PiNetwork.values()) {
			this.clients.put(network, builder.clone().baseUrl(properties.url(network).toString()).build());
		}
	}

	/**
	 * Reads an account: {@code GET /accounts/{id}}. Retried.
	 * @param network the network to ask
	 * @param accountId a {@code G...} account id
	 * @return the account with its current sequence; fails with
	 * {@link HorizonAccountNotFoundException} on Horizon's 404,
	 * {@link HorizonUnavailableException} when Horizon cannot say, and
	 * {@link IllegalArgumentException} (without a call) for an id that is not an account
	 * id
	 */
	public Mono<HorizonAccount> account(PiNetwork network, String accountId) {
		if (!StellarAddresses.isAccountId(accountId)) {
			return Mono.error(new IllegalArgumentException("An account id is G and 55 more characters"));
		}
		String call = "GET /accounts on " + network;
		return fetch(network, call, this.properties.timeout(), client -> client.get().uri("/accounts/{id}", accountId))
			.flatMap(answer -> {
				if (answer.status() == 404) {
					return Mono.error(HorizonAccountNotFoundException.of(network, accountId));
				}
				return answer.isSuccess() ? this.answers.account(call, accountId, answer)
						: this.answers.unavailable(call, answer);
			})
			.transformDeferred(HorizonReadRetry.of(call, this.properties.retry()));
	}

	/**
	 * Reads the network's current base fee: {@code last_ledger_base_fee} of
	 * {@code GET /fee_stats}. Retried.
	 * @param network the network to ask
	 * @return the fee per operation, in stroops; fails with
	 * {@link HorizonUnavailableException} when Horizon cannot say
	 */
	public Mono<Long> baseFee(PiNetwork network) {
		String call = "GET /fee_stats on " + network;
		return fetch(network, call, this.properties.timeout(), client -> client.get().uri("/fee_stats"))
			.flatMap(answer -> answer.isSuccess() ? this.answers.baseFee(call, answer)
					: this.answers.unavailable(call, answer))
			.transformDeferred(HorizonReadRetry.of(call, this.properties.retry()));
	}

	/**
	 * Submits a signed transaction: {@code POST /transactions} with the form field
	 * {@code tx}. Made once, never retried.
	 * @param network the network the transaction was signed for
	 * @param txid the transaction's hash, which Horizon's answer must name
	 * @param envelopeXdr the signed envelope, base64 XDR
	 * @return landed, refused with Horizon's result codes, or unknown; never fails,
	 * except with {@link IllegalArgumentException} (without a call) for an envelope that
	 * is not base64
	 */
	public Mono<SubmitOutcome> submit(PiNetwork network, TxId txid, String envelopeXdr) {
		Objects.requireNonNull(txid, "txid");
		if (!isBase64(envelopeXdr)) {
			return Mono.error(new IllegalArgumentException("A transaction envelope is base64 XDR"));
		}
		String call = "POST /transactions on " + network;
		return fetch(network, call, this.properties.submitTimeout(),
				client -> client.post().uri("/transactions").body(BodyInserters.fromFormData("tx", envelopeXdr)))
			.map(answer -> {
				if (answer.isSuccess()) {
					return this.answers.submitted(txid, answer);
				}
				boolean definite = answer.status() >= 400 && answer.status() <= 499 && answer.status() != 408
						&& answer.status() != 429;
				return definite ? this.answers.refused(answer)
						: (SubmitOutcome) new SubmitOutcome.Unknown("Horizon answered " + answer.status());
			})
			.onErrorResume(HorizonUnavailableException.class,
					ex -> Mono.just(new SubmitOutcome.Unknown(ex.getMessage())));
	}

	/**
	 * Looks a transaction up by its hash: {@code GET /transactions/{hash}}. Retried.
	 * @param network the network to ask
	 * @param txid the hash
	 * @return landed (with its ledger, memo and whether it succeeded), not found, or
	 * unknown; never fails
	 */
	public Mono<TransactionLookup> transaction(PiNetwork network, TxId txid) {
		Objects.requireNonNull(txid, "txid");
		String call = "GET /transactions on " + network;
		return fetch(network, call, this.properties.timeout(),
				client -> client.get().uri("/transactions/{hash}", txid.value()))
			.flatMap(answer -> {
				if (answer.status() == 404 && this.answers.isNotFoundProblem(answer)) {
					return Mono.just(new TransactionLookup.NotFound());
				}
				return answer.isSuccess() ? this.answers.found(call, txid, answer)
						: this.answers.<TransactionLookup>unavailable(call, answer);
			})
			.transformDeferred(HorizonReadRetry.of(call, this.properties.retry()))
			.onErrorResume(HorizonUnavailableException.class,
					ex -> Mono.just(new TransactionLookup.Unknown(ex.getMessage())));
	}

	/**
	 * One attempt: the request, its timeout, and every transport failure as a
	 * {@link HorizonUnavailableException}.
	 */
	private Mono<HorizonAnswer> fetch(PiNetwork network, String call, Duration timeout,
			Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
		Objects.requireNonNull(network, "network");
		return request.apply(this.clients.get(network))
			.exchangeToMono(this::answer)
			.timeout(timeout)
			.onErrorMap(ex -> HorizonUnavailableException.fromTransport(call, timeout, ex));
	}

	private Mono<HorizonAnswer> answer(ClientResponse response) {
		int status = response.statusCode().value();
		Duration retryAfter = this.answers
			.retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			// Too large to read: the status still counts, the body does not.
			.onErrorResume(DataBufferLimitException.class, ex -> Mono.just(TOO_LARGE))
			.map(body -> new HorizonAnswer(status, retryAfter, (body == TOO_LARGE) ? null : body));
	}

	private static boolean isBase64(String envelope) {
		if (envelope == null || envelope.isEmpty() || envelope.length() > MAX_ENVELOPE_LENGTH) {
			return false;
		}
		try {
			Base64.getDecoder().decode(envelope);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
