package dev.piedge.sidecar.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored checkout session.
 *
 * @param id {@code cs_…}
 * @param owner the API caller that created it, or {@code link}
 * @param uid the buyer, or {@code null} until the first signed-in caller opens the page
 * @param lineItems the items, priced from the catalog
 * @param total the exact sum of the items
 * @param memo the Pi payment's memo
 * @param successUrl where the page goes once paid, its placeholder replaced
 * @param cancelUrl where the page's cancel link goes, its placeholder replaced
 * @param clientReferenceId the shop's own reference, or {@code null}
 * @param metadataJson the shop's metadata object as JSON
 * @param network the Pi network the payment must be on
 * @param status {@code open}, {@code complete} or {@code expired}
 * @param paymentStatus {@code unpaid} or {@code paid}
 * @param piPaymentId the Pi payment attached (approved or on its way), or {@code null}
 * @param txid the paying transaction, once complete
 * @param expiresAt when an unpaid session expires
 * @param createdAt when it was created
 * @param completedAt when it was paid
 */
record CheckoutSession(String id, String owner, String uid, List<LineItem> lineItems, BigDecimal total, String memo,
		String successUrl, String cancelUrl, String clientReferenceId, String metadataJson, String network,
		String status, String paymentStatus, String piPaymentId, String txid, Instant expiresAt, Instant createdAt,
		Instant completedAt) {

	static final String OPEN = "open";

	static final String COMPLETE = "complete";

	static final String EXPIRED = "expired";

	static final String UNPAID = "unpaid";

	static final String PAID = "paid";

	boolean isOpen() {
		return OPEN.equals(this.status);
	}

	/** Open, and still before its expiry. */
	boolean isPayable(Instant now) {
		return isOpen() && now.isBefore(this.expiresAt);
	}

}
