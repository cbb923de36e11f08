package dev.piedge.sidecar.order;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.piedge.pi.client.PiPayment;

import reactor.core.publisher.Mono;

/**
 * Accepts a payment whose metadata names a catalog product and whose amount is exactly
 * that product's price (compared as decimals, so 3.14 equals 3.140), and whose memo
 * matches when the product sets one.
 */
class CatalogOrderVerifier implements OrderVerifier {

	private final String productKey;

	private final Map<String, OrderVerificationProperties.Product> products;

	CatalogOrderVerifier(OrderVerificationProperties.Catalog catalog) {
		this.productKey = catalog.productKey();
		this.products = catalog.products()
			.stream()
			.collect(Collectors.toUnmodifiableMap(OrderVerificationProperties.Product::id, Function.identity()));
	}

	@Override
	public Mono<OrderVerdict> verify(PiPayment payment) {
		Object key = (payment.metadata() != null) ? payment.metadata().get(this.productKey) : null;
		if (key == null) {
			return Mono.just(OrderVerdict.refuse("metadata has no " + this.productKey));
		}
		OrderVerificationProperties.Product product = this.products.get(String.valueOf(key));
		if (product == null) {
			return Mono.just(OrderVerdict.refuse("unknown product " + key));
		}
		if (payment.amount() == null || payment.amount().compareTo(product.price()) != 0) {
			return Mono.just(OrderVerdict.refuse(
					"amount " + payment.amount() + " does not match price " + product.price() + " of " + product.id()));
		}
		if (product.memo() != null && !Objects.equals(product.memo(), payment.memo())) {
			return Mono.just(OrderVerdict.refuse("memo does not match product " + product.id()));
		}
		return Mono.just(OrderVerdict.accept());
	}

}
