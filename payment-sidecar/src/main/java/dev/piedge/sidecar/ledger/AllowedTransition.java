package dev.piedge.sidecar.ledger;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static dev.piedge.sidecar.ledger.PaymentDirection.APP_TO_USER;
import static dev.piedge.sidecar.ledger.PaymentDirection.USER_TO_APP;
import static dev.piedge.sidecar.ledger.PaymentStatus.APPROVED;
import static dev.piedge.sidecar.ledger.PaymentStatus.CANCELLED;
import static dev.piedge.sidecar.ledger.PaymentStatus.COMPLETED;
import static dev.piedge.sidecar.ledger.PaymentStatus.CREATED;
import static dev.piedge.sidecar.ledger.PaymentStatus.FAILED;
import static dev.piedge.sidecar.ledger.PaymentStatus.REJECTED;
import static dev.piedge.sidecar.ledger.PaymentStatus.SUBMITTED;

/**
 * The one table of status moves, per direction: {@link PaymentLedger} refuses any other,
 * and the database holds the same rows in {@code payment_transition} (migration V5),
 * where a trigger refuses any other status change whoever writes it. A test compares the
 * two. A move with no {@code from} is the status a payment is first recorded in.
 *
 * <p>
 * App-to-User payouts (migration V7) are recorded once Pi has created them; a payout
 * queued before that lives only in the {@code payout} table.
 */
public enum AllowedTransition {

	/** A payment the handshake sees for the first time, from Pi's record. */
	U2A_RECORD(USER_TO_APP, null, CREATED),

	/** Pi confirmed our approve, or its record says approved. */
	U2A_APPROVE(USER_TO_APP, CREATED, APPROVED),

	/** Order verification refused it; Pi's approve is never called. */
	U2A_REJECT(USER_TO_APP, CREATED, REJECTED),

	/** Cancelled on Pi (by the user, Pi, or our cancel) before anyone approved it. */
	U2A_CANCEL_CREATED(USER_TO_APP, CREATED, CANCELLED),

	/** Pi's record says completed before this ledger saw it approved. */
	U2A_FOLLOW_COMPLETED(USER_TO_APP, CREATED, COMPLETED),

	/** Pi confirmed our complete, or its record says completed. */
	U2A_COMPLETE(USER_TO_APP, APPROVED, COMPLETED),

	/** Cancelled on Pi after approval, while no transaction exists. */
	U2A_CANCEL_APPROVED(USER_TO_APP, APPROVED, CANCELLED),

	/** Pi refused the completion for good. */
	U2A_FAIL(USER_TO_APP, APPROVED, FAILED),

	/** Pi created the payout: its identifier is stored at once. */
	A2U_RECORD(APP_TO_USER, null, CREATED),

	/**
	 * Its transaction is signed and stored (txid and envelope) before it is submitted.
	 */
	A2U_SUBMIT(APP_TO_USER, CREATED, SUBMITTED),

	/** Cancelled (on Pi) before anything was signed. */
	A2U_CANCEL(APP_TO_USER, CREATED, CANCELLED),

	/** Refused before signing: the wallet does not match, or Horizon cannot pay it. */
	A2U_FAIL_CREATED(APP_TO_USER, CREATED, FAILED),

	/** The transaction landed and Pi confirmed our complete. */
	A2U_COMPLETE(APP_TO_USER, SUBMITTED, COMPLETED),

	/** The transaction was refused or failed on chain, with Horizon's code. */
	A2U_FAIL_SUBMITTED(APP_TO_USER, SUBMITTED, FAILED);

	private final PaymentDirection direction;

	private final PaymentStatus from;

	private final PaymentStatus to;

	AllowedTransition(PaymentDirection direction, PaymentStatus from, PaymentStatus to) {
		this.direction = direction;
		this.from = from;
		this.to = to;
	}

	public PaymentDirection direction() {
		return this.direction;
	}

	/** Where the move starts; {@code null} for the status a payment is recorded in. */
	public PaymentStatus from() {
		return this.from;
	}

	public PaymentStatus to() {
		return this.to;
	}

	/** Whether a payment of this direction may move from {@code from} to {@code to}. */
	public static boolean permits(PaymentDirection direction, PaymentStatus from, PaymentStatus to) {
		return Arrays.stream(values()).anyMatch(move -> move.matches(direction, from, to));
	}

	/** The status a new payment of this direction is recorded in, if it has one. */
	public static Optional<PaymentStatus> initial(PaymentDirection direction) {
		return Arrays.stream(values())
			.filter(move -> move.direction == direction && move.from == null)
			.map(AllowedTransition::to)
			.findFirst();
	}

	/**
	 * The statuses of this direction that still have a move ahead: the payments the
	 * reconciler looks after.
	 */
	public static Set<PaymentStatus> open(PaymentDirection direction) {
		Set<PaymentStatus> open = EnumSet.noneOf(PaymentStatus.class);
		Arrays.stream(values())
			.filter(move -> move.direction == direction && move.from != null)
			.forEach(move -> open.add(move.from));
		return open;
	}

	private boolean matches(PaymentDirection direction, PaymentStatus from, PaymentStatus to) {
		return this.direction == direction && this.from == from && this.to == to;
	}

}
