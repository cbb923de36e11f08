package dev.piedge.sidecar.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running sidecar's logging (its {@code logback-spring.xml}) redacts what framework
 * lines print: request URIs with their query, in messages and in Reactor's checkpoint
 * descriptions, and credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionIntegrationTests extends HandshakeIntegrationTestSupport {

	@Test
	void frameworkErrorLinesReachTheLogWithoutQueryOrCredentials(CapturedOutput output) {
		Throwable failure = Mono.error(new IllegalStateException("GET /v2/payments/p1?token=in-message failed"))
			.checkpoint("HTTP POST \"/pi_payment/approve?access_token=in-checkpoint\" [ExceptionHandlingWebHandler]")
			.materialize()
			.block()
			.getThrowable();

		LoggerFactory.getLogger("org.springframework.web.server.adapter.HttpWebHandlerAdapter")
			.error("[7f3a] 500 Server Error for HTTP POST \"/pi_payment/approve?access_token=in-line\" "
					+ "Authorization: Key server-api-key-in-line", failure);

		assertThat(output.getAll()).contains("500 Server Error for HTTP POST \"/pi_payment/approve?[redacted]\"")
			.contains("Authorization: Key [redacted]")
			.contains("IllegalStateException: GET /v2/payments/p1?[redacted] failed")
			.doesNotContain("in-line", "in-message", "in-checkpoint", "server-api-key");
	}

}
