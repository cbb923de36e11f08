package dev.piedge.proxy.filter;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class SpoofedHeaderWebFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "X-Pi-Uid", "x-pi-uid", "X_Pi_Uid", "x_PI-username", "X-PI-IDENTITY", "x-pi-", "X_pI_x" })
	void recognisesEverySpellingOfAnIdentityHeader(String name) {
		assertThat(SpoofedHeaderWebFilter.isIdentityHeader(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Pid", "Xpi-Uid", "X-P", "Authorization", "X-Pix-Uid", "Y-Pi-Uid", "X.Pi.Uid" })
	void leavesOtherHeadersAlone(String name) {
		assertThat(SpoofedHeaderWebFilter.isIdentityHeader(name)).isFalse();
	}

	@Test
	void listsIdentityHeadersAndUnderscoreForwardedHeadersOnly() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X_Pi_Uid", "forged");
		headers.add("X-Forwarded-For", "1.2.3.4");
		headers.add("X_Forwarded_For", "5.6.7.8");
		headers.add("Accept", "*/*");

		assertThat(SpoofedHeaderWebFilter.spoofedHeaderNames(headers)).containsExactlyInAnyOrder("X_Pi_Uid",
				"X_Forwarded_For");
		assertThat(SpoofedHeaderWebFilter.spoofedHeaderNames(new HttpHeaders())).isEqualTo(List.of());
	}

}
