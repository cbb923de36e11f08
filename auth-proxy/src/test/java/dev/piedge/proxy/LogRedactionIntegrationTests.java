package dev.piedge.proxy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever fails and whoever logs it, a query string or a token never reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void aFailingBackendHopLogsNoQueryString(CapturedOutput output) {
		this.client.post()
			.uri("/unreachable/pi_checkout?access_token=query-secret-1&x=1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isGreaterThanOrEqualTo(500));

		// The access log is written by a background appender; wait for it, then read
		// everything logged so far.
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("path=/unreachable/pi_checkout"));
		assertThat(output.getAll()).doesNotContain("query-secret-1");
	}

	@Test
	void aTokenPiRejectsIsNeverLogged(CapturedOutput output) {
		piRejects("bearer-secret-2");
		piKnows("bearer-secret-3", "uid-alice", "alice", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/orders?token=query-secret-4")
			.header("Authorization", "Bearer bearer-secret-2")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/orders?token=query-secret-4")
			.header("Authorization", "Bearer bearer-secret-3")
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("uid=uid-alice"));
		assertThat(output.getAll()).doesNotContain("bearer-secret-2", "bearer-secret-3", "query-secret-4");
	}

}
