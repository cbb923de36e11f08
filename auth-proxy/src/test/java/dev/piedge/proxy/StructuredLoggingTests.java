package dev.piedge.proxy;

import java.time.Duration;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proxy's own {@code logback-spring.xml} with
 * {@code logging.structured.format.console=ecs} (Boot hands it to Logback as
 * {@code CONSOLE_LOG_STRUCTURED_FORMAT}): every line, the asynchronous access log's too,
 * is one JSON object, and a token in a message is redacted in it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	private final LoggerContext context = new LoggerContext();

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void ecsLinesAreJsonWithTokensRedacted(CapturedOutput output) throws Exception {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.context.putObject(Environment.class.getName(), new StandardEnvironment());
		this.context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", "ecs");
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(getClass().getResource("/logback-spring.xml"));

		this.context.getLogger("dev.piedge.proxy.token").warn("Pi refused Bearer secret-token-0123456789");
		this.context.getLogger("pi-edge.access").info("GET /orders?access_token=secret-query 200 route=backend");

		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("/orders?"));
		JsonMapper json = JsonMapper.builder().build();
		// This test's two lines only: an earlier test's proxy may still be writing its
		// access log, up to one flush interval late.
		assertThat(output.getOut().lines().filter((line) -> line.contains("Pi refused") || line.contains("/orders?")))
			.hasSize(2)
			.map((line) -> json.readTree(line).at("/message").asString())
			.containsExactlyInAnyOrder("Pi refused Bearer [redacted]", "GET /orders?[redacted] 200 route=backend");
		assertThat(output.getOut()).doesNotContain("secret-token", "secret-query");
	}

}
