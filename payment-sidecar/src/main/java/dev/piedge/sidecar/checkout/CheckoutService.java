package dev.piedge.sidecar.checkout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.piedge.sidecar.handshake.HandshakeProperties;
import dev.piedge.sidecar.order.OrderVerificationProperties;
import dev.piedge.sidecar.order.OrderVerificationProperties.Product;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Creates checkout sessions from catalog products, and finds them for the API and for the
 * page, which binds a session without a buyer to the first signed-in caller who opens it.
 */
@Service
class CheckoutService {

	static final int MAX_QUANTITY = 100;

	static final int MAX_LINE_ITEMS = 20;

	static final int MAX_REFERENCE_LENGTH = 200;

	static final int MAX_MEMO_LENGTH = 500;

	static final String LINK_OWNER = "link";

	private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_-]{22,60}");

	private static final Pattern UID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

	private final SecureRandom random = new SecureRandom();

	private final CheckoutSessionRepository repository;

	private final Map<String, Product> catalog;

	private final CheckoutProperties properties;

	private final String network;

	private final Clock clock;

	CheckoutService(CheckoutSessionRepository repository, OrderVerificationProperties verification,
			CheckoutProperties properties, HandshakeProperties handshake, Clock clock) {
		this.repository = repository;
		this.catalog = verification.catalog()
			.products()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Product::id, Function.identity()));
		this.properties = properties;
		this.network = handshake.network();
		this.clock = clock;
	}

	/** A new open session; every refusal is a 400 {@code invalid_checkout}. */
	Mono<CheckoutSession> create(String owner, CheckoutRequest request) {
		return Mono.fromCallable(() -> newSession(owner, request)).flatMap(this.repository::insert);
	}

	/** The session, whoever's it is (the backend API sees every session of its app). */
	Mono<CheckoutSession> find(String id) {
		return isSessionId(id) ? this.repository.find(id).switchIfEmpty(Mono.error(CheckoutException::notFound))
				: Mono.error(CheckoutException.notFound());
	}

	/**
	 * The session for the page: bound to {@code uid} if it had no buyer; another buyer's
	 * session is not found.
	 */
	Mono<CheckoutSession> open(String id, String uid) {
		return find(id)
			.flatMap(session -> (session.uid() != null) ? Mono.just(session)
					: this.repository.bindBuyer(id, uid, this.clock.instant())
						.switchIfEmpty(Mono.defer(() -> this.repository.find(id))))
			.filter(session -> uid.equals(session.uid()))
			.switchIfEmpty(Mono.error(CheckoutException::notFound));
	}

	static boolean isSessionId(String id) {
		return id != null && SESSION_ID.matcher(id).matches();
	}

	private CheckoutSession newSession(String owner, CheckoutRequest request) {
		if (this.catalog.isEmpty()) {
			throw CheckoutException.invalid("Checkout needs products in pi.payments.verification.catalog.products.");
		}
		if (request.items().size() > MAX_LINE_ITEMS) {
			throw CheckoutException.invalid("At most " + MAX_LINE_ITEMS + " line items.");
		}
		List<LineItem> items = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (CheckoutRequest.Item item : request.items()) {
			Product product = this.catalog.get(item.product());
			if (product == null) {
				throw CheckoutException.invalid("There is no such product in the catalog.");
			}
			if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
				throw CheckoutException.invalid("quantity must be between 1 and " + MAX_QUANTITY + ".");
			}
			int quantity = (int) item.quantity();
			BigDecimal amount = product.price().multiply(BigDecimal.valueOf(quantity));
			items.add(new LineItem(product.id(), product.displayName(), quantity, product.price(), amount));
			total = total.add(amount);
		}
		if (request.uid() != null && !UID.matcher(request.uid()).matches()) {
			throw CheckoutException.invalid("uid is not a Pi user id.");
		}
		String reference = request.clientReferenceId();
		if (reference != null && (reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH
				|| !reference.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
			throw CheckoutException
				.invalid("client_reference_id must be 1 to " + MAX_REFERENCE_LENGTH + " printable ASCII characters.");
		}
		String metadata = CheckoutViews.metadataJson(request.metadata());
		if (metadata.getBytes(StandardCharsets.UTF_8).length > this.properties.maxMetadataSize()) {
			throw CheckoutException
				.invalid("metadata is over " + this.properties.maxMetadataSize() + " bytes of JSON.");
		}
		Duration lifetime = lifetime(request.expiresInSeconds());
		String id = newId();
		String success = CheckoutReturnPath.of("success_url", request.successUrl(), id);
		String cancel = CheckoutReturnPath.of("cancel_url", request.cancelUrl(), id);
		Instant now = this.clock.instant();
		return new CheckoutSession(id, owner, request.uid(), List.copyOf(items), total, memo(items), success, cancel,
				reference, metadata, this.network, CheckoutSession.OPEN, CheckoutSession.UNPAID, null, null,
				now.plus(lifetime), now, null);
	}

	private Duration lifetime(Long seconds) {
		if (seconds == null) {
			return this.properties.expiresIn();
		}
		if (seconds < CheckoutProperties.MIN_EXPIRES_IN.toSeconds()
				|| seconds > this.properties.maxExpiresIn().toSeconds()) {
			throw CheckoutException
				.invalid("expires_in_seconds must be between " + CheckoutProperties.MIN_EXPIRES_IN.toSeconds() + " and "
						+ this.properties.maxExpiresIn().toSeconds() + ".");
		}
		return Duration.ofSeconds(seconds);
	}

	/**
	 * One product once: its memo, else its name. Otherwise the names with their
	 * quantities.
	 */
	private String memo(List<LineItem> items) {
		if (items.size() == 1 && items.get(0).quantity() == 1) {
			Product product = this.catalog.get(items.get(0).product());
			return (product.memo() != null && !product.memo().isBlank()) ? product.memo() : product.displayName();
		}
		String memo = items.stream()
			.map(item -> (item.quantity() == 1) ? item.name() : item.quantity() + " × " + item.name())
			.collect(Collectors.joining(", "));
		return (memo.length() > MAX_MEMO_LENGTH) ? memo.substring(0, MAX_MEMO_LENGTH - 1) + "…" : memo;
	}

	/** 192 random bits, URL-safe. */
	private String newId() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return "cs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
