package dev.piedge.proxy.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHashTests {

	@Test
	void isTheSha256OfTheToken() {
		// sha256("abc") = ba7816bf8f01cfea 414140de5dae2223 b00361a396177a9c
		// b410ff61f20015ad
		assertThat(TokenHash.of("abc")).isEqualTo(
				new TokenHash(0xba7816bf8f01cfeaL, 0x414140de5dae2223L, 0xb00361a396177a9cL, 0xb410ff61f20015adL));
	}

	@Test
	void tellsTokensApartAndMatchesTheSameTokenAgain() {
		assertThat(TokenHash.of("token-a")).isEqualTo(TokenHash.of("token-a"))
			.hasSameHashCodeAs(TokenHash.of("token-a"))
			.isNotEqualTo(TokenHash.of("token-b"));
	}

	@Test
	void printsOnlyAShortPrefixAndNeverTheToken() {
		String printed = TokenHash.of("abc").toString();

		assertThat(printed).isEqualTo("TokenHash[ba7816bf8f01…]").doesNotContain("abc");
	}

}
