package dev.piedge.problem.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineRedactorTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"500 Server Error for HTTP POST \"/pi_payment/approve?access_token=abc123\"|500 Server Error for HTTP POST \"/pi_payment/approve?[redacted]\"",
			"checkpoint ⇢ HTTP GET \"/orders?x=1&token=zzz\" [ExceptionHandlingWebHandler]|checkpoint ⇢ HTTP GET \"/orders?[redacted]\" [ExceptionHandlingWebHandler]",
			"calling http://127.0.0.1:8081/a/b?token=t0k3n#frag now|calling http://127.0.0.1:8081/a/b?[redacted]#frag now",
			"GET /?q=1|GET /?[redacted]", "two: /a?x=1 and /b?y=2|two: /a?[redacted] and /b?[redacted]",
			"header Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.payload.sig|header Authorization: Bearer [redacted]",
			"Authorization: Key sandbox-api-key|Authorization: Key [redacted]",
			"\"Authorization\":\"Key 0123456789abcdef\"|\"Authorization\":\"Key [redacted]\"" })
	void removesQueriesAndCredentials(String line, String expected) {
		assertThat(LogLineRedactor.redact(line)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "method=GET path=/orders/42 route=backend status=200 latency_ms=3 uid=-", "Is Pi reachable? yes",
					"WWW-Authenticate: Bearer realm=\"pi-edge\", error=\"invalid_token\"", "Key rotation finished",
					"Wait for it /path? then" })
	void leavesOrdinaryLinesAlone(String line) {
		assertThat(LogLineRedactor.redact(line)).isSameAs(line).isEqualTo(line);
	}

	/**
	 * pi-edge's backend API keys ({@code pek_<id>_<secret>}): the base64url secret holds
	 * {@code _} and {@code -}, which RFC 6750 allows in a bearer token, and a key quoted
	 * anywhere else in a line keeps only its public id.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"Authorization: Bearer pek_k3y1d0000001_Zm9v_YmFy-YmF6_cXV4cXV4cXV4cXV4cXV4cXV4cXV4cXV4cXU|Authorization: Bearer [redacted]",
			"authorization=[Bearer pek_k3y1d0000001_Zm9v_YmFy-YmF6]|authorization=[Bearer [redacted]]",
			"rejected key pek_k3y1d0000001_Zm9v_YmFy-YmF6_cXV4cXV4 for /pi-edge/api/payouts|rejected key pek_k3y1d0000001_[redacted] for /pi-edge/api/payouts",
			"\"key\":\"pek_k3y1d0000001_Zm9vYmFyYmF6\"|\"key\":\"pek_k3y1d0000001_[redacted]\"" })
	void removesApiKeySecrets(String line, String expected) {
		assertThat(LogLineRedactor.redact(line)).isEqualTo(expected);
	}

	/**
	 * A Stellar secret seed (the payout wallet's): {@code S} and 55 base32 characters. An
	 * account address ({@code G…}) is public and stays, as do shorter or longer runs.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"seed=SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E|seed=[redacted]",
			"Failed to bind [SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E] for G|Failed to bind [[redacted]] for G",
			"\"seed\":\"SBIJDIVHZQQFPUSQB7ZECPD7FWYWSTSX4KKIIAZW5ZPOLEQWOGRYDXOT\"}|\"seed\":\"[redacted]\"}",
			"two SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E SBIJDIVHZQQFPUSQB7ZECPD7FWYWSTSX4KKIIAZW5ZPOLEQWOGRYDXOT|two [redacted] [redacted]" })
	void removesWalletSeeds(String line, String expected) {
		assertThat(LogLineRedactor.redact(line)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "App wallet GB24VG44VBWSF6R666Z6FS6W5SIMCGNV6QAKQ2QBDL4XZJFFJ7W5MKWD opened",
					"one short SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35",
					"one long SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35EA",
					"in base64 xSC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E" })
	void leavesAddressesAndOtherRunsAlone(String line) {
		assertThat(LogLineRedactor.redact(line)).isSameAs(line);
	}

	@Test
	void passesNullThrough() {
		assertThat(LogLineRedactor.redact(null)).isNull();
	}

}
