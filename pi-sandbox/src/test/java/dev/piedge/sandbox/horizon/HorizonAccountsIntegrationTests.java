package dev.piedge.sandbox.horizon;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.KeyPair;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.body;
import static dev.piedge.sandbox.horizon.HorizonTestClient.APP_WALLET;
import static dev.piedge.sandbox.horizon.HorizonTestClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /horizon/accounts/{id}} and {@code GET /horizon/fee_stats}, what a payout
 * service reads before it builds a transaction, and the admin endpoints that set up the
 * chain.
 */
@SandboxIntegrationTest
class HorizonAccountsIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	private SandboxClient sandbox;

	private HorizonTestClient horizon;

	@BeforeEach
	void reset() {
		sandbox = new SandboxClient(webTestClient);
		horizon = new HorizonTestClient(webTestClient);
		sandbox.reset();
	}

	@Test
	void appWalletAccountHasItsSequenceAsAStringAndANativeBalance() {
		JsonNode account = body(horizon.account(APP_WALLET).expectStatus().isOk());

		assertThat(account.get("id").stringValue()).isEqualTo(APP_WALLET);
		assertThat(account.get("account_id").stringValue()).isEqualTo(APP_WALLET);
		assertThat(account.get("sequence").isString()).isTrue();
		assertThat(Long.parseLong(account.get("sequence").stringValue())).isPositive();
		JsonNode balance = account.get("balances").get(0);
		assertThat(balance.get("asset_type").stringValue()).isEqualTo("native");
		assertThat(balance.get("balance").stringValue()).isEqualTo("1000000.0000000");
		assertThat(account.get("signers").get(0).get("key").stringValue()).isEqualTo(APP_WALLET);
	}

	@Test
	void demoUsersWalletsAreAccountsOnTheChain() {
		String id = sandbox.createAppToUser();
		String bobWallet = body(sandbox.get(id).expectStatus().isOk()).get("to_address").stringValue();

		assertThat(horizon.balance(bobWallet)).isEqualTo("1000.0000000");
	}

	@Test
	void unknownAccountIsHorizonsNotFound() {
		expectProblem(horizon.account(KeyPair.random().getAccountId()), 404, "not_found");
	}

	@Test
	void accountIdThatIsNotAStellarKeyIsABadRequest() {
		JsonNode problem = expectProblem(horizon.account("GABC"), 400, "bad_request");

		assertThat(problem.get("extras").get("invalid_field").stringValue()).isEqualTo("account_id");
	}

	@Test
	void feeStatsReportTheBaseFeeAsStrings() {
		JsonNode stats = body(webTestClient.get().uri("/horizon/fee_stats").exchange().expectStatus().isOk());

		assertThat(stats.get("last_ledger_base_fee").stringValue()).isEqualTo("100000");
		assertThat(stats.get("fee_charged").get("p99").stringValue()).isEqualTo("100000");
		assertThat(stats.get("max_fee").get("mode").stringValue()).isEqualTo("100000");
		assertThat(Long.parseLong(stats.get("last_ledger").stringValue())).isPositive();
	}

	@Test
	void unknownPathUnderHorizonIsHorizonsNotFound() {
		expectProblem(webTestClient.get().uri("/horizon/ledgers/1").exchange(), 404, "not_found");
	}

	@Test
	void adminSetsBalanceAndSequenceAndResetRestoresThem() {
		long sequence = horizon.sequence(APP_WALLET);

		horizon.setAccount(APP_WALLET, Map.of("balance", "12.5", "sequence", "8589934700"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sequence")
			.isEqualTo("8589934700");

		assertThat(horizon.balance(APP_WALLET)).isEqualTo("12.5000000");
		webTestClient.delete().uri("/sandbox/horizon").exchange().expectStatus().isNoContent().expectBody();
		assertThat(horizon.balance(APP_WALLET)).isEqualTo("1000000.0000000");
		assertThat(horizon.sequence(APP_WALLET)).isEqualTo(sequence);
	}

	@Test
	void adminCreatesAnAccountItDoesNotKnow() {
		String stranger = KeyPair.random().getAccountId();

		horizon.setAccount(stranger, Map.of("balance", "3")).expectStatus().isOk().expectBody();

		assertThat(horizon.balance(stranger)).isEqualTo("3.0000000");
	}

	@Test
	void adminRefusesBadValues() {
		for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(Map.of("balance", "-1"),
				Map.of("balance", "0.12345678"), Map.of("balance", "lots"), Map.of("sequence", "-5"),
				Map.of("sequence", "x"))) {
			horizon.setAccount(APP_WALLET, body)
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("invalid_arguments");
		}
		horizon.setAccount("GABC", Map.of("balance", "1"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
	}

}
