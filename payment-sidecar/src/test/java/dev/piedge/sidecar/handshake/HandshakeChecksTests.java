package dev.piedge.sidecar.handshake;

import java.util.Map;

import dev.piedge.sidecar.ledger.PaymentStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeChecksTests {

	@ParameterizedTest
	@CsvSource({ "CANCELLED, payment_cancelled, The payment is cancelled.",
			"REJECTED, payment_rejected, The payment is rejected.", "FAILED, payment_failed, The payment is failed." })
	void answersAClosedPaymentWithItsStatusCode(PaymentStatus status, String code, String detail) {
		PaymentStateConflictException refusal = HandshakeChecks.closed(status);

		assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refusal.code()).isEqualTo(code);
		assertThat(refusal.getMessage()).isEqualTo(detail);
		assertThat(refusal.extra()).isEqualTo(Map.of("payment_status", status.name()));
	}

	@ParameterizedTest
	@EnumSource(value = PaymentStatus.class, names = { "CREATED", "APPROVED", "COMPLETED" })
	void treatsNoOpenOrCompletedPaymentAsClosed(PaymentStatus status) {
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeChecks.closed(status));
	}

}
