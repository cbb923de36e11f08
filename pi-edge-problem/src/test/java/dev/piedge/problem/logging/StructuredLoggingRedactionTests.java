package dev.piedge.problem.logging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

/**
 * {@code console-appender.xml}, included after Boot's {@code defaults.xml} as the apps
 * include it: with {@code logging.structured.format.console} set (which Boot passes to
 * Logback as {@code CONSOLE_LOG_STRUCTURED_FORMAT}) each line is Boot's JSON, and the
 * secrets {@code redaction.xml} takes out of text lines are taken out of it too.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingRedactionTests {

	private static final String CONFIGURATION = """
			<configuration>
			    <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
			    <include resource="dev/piedge/problem/logging/console-appender.xml"/>
			    <root level="INFO">
			        <appender-ref ref="CONSOLE"/>
			    </root>
			</configuration>
			""";

	private static final String LINE = "GET /shop/orders?access_token=in-query failed for Authorization: Bearer "
			+ "in-header-0123456789 with pek_k3y1d_in-api-key";

	private final LoggerContext context = new LoggerContext();

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void structuredLinesAreJsonWithoutSecrets(CapturedOutput output) throws Exception {
		configure("ecs");

		this.context.getLogger("dev.piedge.proxy.upstream")
			.warn(LINE, new IllegalStateException("upstream /v2/me?token=in-stack-trace failed"));

		String line = output.getOut().lines().filter((text) -> text.startsWith("{")).findFirst().orElseThrow();
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.at("/log/level").asString()).isEqualTo("WARN");
		assertThat(json.at("/message").asString())
			.isEqualTo("GET /shop/orders?[redacted] failed for Authorization: Bearer [redacted] with "
					+ "pek_k3y1d_[redacted]");
		assertThat(json.at("/error/stack_trace").asString())
			.startsWith("java.lang.IllegalStateException: upstream /v2/me?[redacted] failed");
		assertThat(output.getOut()).doesNotContain("in-query", "in-header", "in-api-key", "in-stack-trace");
	}

	@Test
	void withoutAStructuredFormatLinesAreBootsRedactedText(CapturedOutput output) throws Exception {
		configure(null);

		this.context.getLogger("dev.piedge.proxy.upstream").warn(LINE);

		List<String> lines = output.getOut().lines().filter((text) -> text.contains("dev.piedge.proxy")).toList();
		assertThat(lines).singleElement()
			.asString()
			.doesNotStartWith("{")
			.contains(" WARN ")
			.endsWith("GET /shop/orders?[redacted] failed for Authorization: Bearer [redacted] with "
					+ "pek_k3y1d_[redacted]");
	}

	private void configure(String structuredFormat) throws Exception {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		// What Boot's LogbackLoggingSystem does before reading the configuration.
		this.context.putObject(Environment.class.getName(), new StandardEnvironment());
		if (structuredFormat != null) {
			this.context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", structuredFormat);
		}
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.UTF_8)));
	}

}
