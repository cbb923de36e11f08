package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A User-to-App callback named an App-to-User payment (a payout): the handshake neither
 * records it nor calls Pi for it. Payouts are the app's to make and settle, and
 * pi-sdk-js's cancel and incomplete come without a caller.
 */
public final class AppToUserPaymentException extends ProblemException {

	private AppToUserPaymentException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.APP_TO_USER_PAYMENT,
				"The payment is App-to-User (a payout); the payment callbacks do not handle it.");
	}

	static AppToUserPaymentException create() {
		return new AppToUserPaymentException();
	}

}
