package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NewPaymentTests {

	@Test
	void rejectsNonPositiveAmount() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(BigDecimal.ZERO, "m", null, "uid"))
			.withMessageContaining("amount");
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(new BigDecimal("-1"), "m", null, "uid"));
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(null, "m", null, "uid"));
	}

	@Test
	void rejectsNullMemoAndBlankUid() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(BigDecimal.ONE, null, null, "uid"))
			.withMessageContaining("memo");
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(BigDecimal.ONE, "m", null, " "))
			.withMessageContaining("uid");
		assertThatIllegalArgumentException().isThrownBy(() -> new NewPayment(BigDecimal.ONE, "m", null, null));
	}

	@Test
	void defaultsMetadataToEmptyAndCopiesIt() {
		assertThat(new NewPayment(BigDecimal.ONE, "", null, "uid").metadata()).isEmpty();
		Map<String, Object> metadata = new HashMap<>();
		metadata.put("k", "v");
		NewPayment payment = new NewPayment(BigDecimal.ONE, "", metadata, "uid");
		metadata.put("k", "changed");
		assertThat(payment.metadata()).containsEntry("k", "v");
	}

}
