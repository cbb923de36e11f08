package dev.piedge.proxy.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathSafetyWebFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "/public/..%2Fsecret", "/public/%2e%2e/secret", "/public/%2E%2E/secret",
			"/public/..;/secret", "/public;jsessionid=1/x", "/public/../secret", "/public/./x", "/public//secret",
			"/public/%252e%252e/secret", "/public/..%5csecret", "/public\\..\\secret", "/public/%00", "/a/..",
			"/public/x%3b/y" })
	void refusesAmbiguousPaths(String rawPath) {
		assertThat(PathSafetyWebFilter.problemWith(rawPath)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/public/home", "/public/home/", "/orders/42", "/a/b.c/d..e", "/files/%20x",
			"/api/pi_payment/approve" })
	void acceptsOrdinaryPaths(String rawPath) {
		assertThat(PathSafetyWebFilter.problemWith(rawPath)).isNull();
	}

}
