package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The body of {@code POST /pi-edge/api/payouts}.
 *
 * @param uid the paid user's app-scoped Pi uid
 * @param amount in Pi, at most 7 decimal places
 * @param memo shown to the user by Pi
 * @param metadata the caller's own data, kept with the payment on Pi
 * @param reference the caller's own id for it, unique per caller, or null
 */
record PayoutRequest(String uid, BigDecimal amount, String memo, Map<String, Object> metadata, String reference) {
}
