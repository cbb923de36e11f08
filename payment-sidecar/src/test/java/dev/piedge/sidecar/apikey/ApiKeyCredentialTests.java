package dev.piedge.sidecar.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;

class ApiKeyCredentialTests {

	private final SecureRandom random = new SecureRandom();

	@Test
	void generatesAPublicIdAndAtLeast32RandomBytesOfSecret() {
		ApiKeyCredential key = ApiKeyCredential.generate(this.random);

		assertThat(key.id()).matches("[a-z0-9]{12}");
		assertThat(Base64.getUrlDecoder().decode(key.secret())).hasSize(32);
		assertThat(key.value()).isEqualTo("pek_" + key.id() + "_" + key.secret());
		assertThat(ApiKeyCredential.parse(key.value())).contains(key);
		assertThat(ApiKeyCredential.generate(this.random)).isNotEqualTo(key);
	}

	@Test
	void parsesOnlyTheKeysShape() {
		String secret = "A".repeat(42) + "_";
		assertThat(ApiKeyCredential.parse("pek_abcdefghij12_" + secret))
			.contains(new ApiKeyCredential("abcdefghij12", secret));
		// A secret may start with '_' or '-': the id has no '_', so the first one ends
		// it.
		assertThat(ApiKeyCredential.parse("pek_abcdefghij12__" + "A".repeat(42))).isPresent();
		assertThat(ApiKeyCredential.parse("pek_abcdefghij12_" + "A".repeat(42))).isEmpty();
		assertThat(ApiKeyCredential.parse("pek_abcdefghij12_" + "A".repeat(44))).isEmpty();
		assertThat(ApiKeyCredential.parse("pek_ABCDEFGHIJ12_" + secret)).isEmpty();
		assertThat(ApiKeyCredential.parse("pek_abcdefghij1_" + secret)).isEmpty();
		assertThat(ApiKeyCredential.parse("pk_abcdefghij12_" + secret)).isEmpty();
		assertThat(ApiKeyCredential.parse("pek_abcdefghij12_" + "A".repeat(42) + "+")).isEmpty();
	}

	@Test
	void keepsOnlyTheSha256OfTheSecretAndNeverPrintsIt() throws Exception {
		ApiKeyCredential key = ApiKeyCredential.generate(this.random);

		assertThat(key.secretSha256())
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.secret().getBytes(StandardCharsets.US_ASCII)));
		assertThat(key.toString()).isEqualTo("pek_" + key.id() + "_[redacted]").doesNotContain(key.secret());
	}

	@Test
	void matchesOnlyItsOwnSecretsHash() {
		ApiKeyCredential key = ApiKeyCredential.generate(this.random);
		String last = key.secret().substring(key.secret().length() - 1);
		ApiKeyCredential lastCharacterDiffers = new ApiKeyCredential(key.id(),
				key.secret().substring(0, key.secret().length() - 1) + (last.equals("A") ? "B" : "A"));

		assertThat(key.matches(key.secretSha256())).isTrue();
		assertThat(lastCharacterDiffers.matches(key.secretSha256())).isFalse();
		assertThat(key.matches(new byte[32])).isFalse();
		assertThat(key.matches(new byte[0])).isFalse();
	}

	@Test
	void comparesTheHashesInConstantTimeWithMessageDigestIsEqual() {
		ApiKeyCredential key = ApiKeyCredential.generate(this.random);
		byte[] stored = key.secretSha256();

		try (MockedStatic<MessageDigest> digests = mockStatic(MessageDigest.class, CALLS_REAL_METHODS)) {
			assertThat(key.matches(stored)).isTrue();

			// The secret is never compared itself: both sides are 32-byte digests, so
			// the time taken does not depend on how much of a guess is right.
			digests
				.verify(() -> MessageDigest.isEqual(argThat(bytes -> bytes != null && bytes.length == 32), eq(stored)));
		}
	}

}
