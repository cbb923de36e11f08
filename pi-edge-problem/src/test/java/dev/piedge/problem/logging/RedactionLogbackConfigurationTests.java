package dev.piedge.problem.logging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redaction.xml}, included after Boot's {@code defaults.xml} as the apps include
 * it, changes what Boot's own console pattern prints: messages and stack traces, Reactor
 * checkpoints included.
 */
class RedactionLogbackConfigurationTests {

	private static final String CONFIGURATION = """
			<configuration>
			    <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
			    <include resource="dev/piedge/problem/logging/redaction.xml"/>
			    <property scope="context" name="BOOT_CONSOLE_PATTERN" value="${CONSOLE_LOG_PATTERN}"/>
			</configuration>
			""";

	private final LoggerContext context = new LoggerContext();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	@BeforeEach
	void configure() throws Exception {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.UTF_8)));
		// Boot's console pattern, as the apps' CONSOLE appender uses it, printing into
		// memory.
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern(this.context.getProperty("BOOT_CONSOLE_PATTERN"));
		encoder.start();
		OutputStreamAppender<ILoggingEvent> memory = new OutputStreamAppender<>();
		memory.setContext(this.context);
		memory.setEncoder(encoder);
		memory.setOutputStream(this.printed);
		memory.start();
		this.context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(memory);
	}

	@Test
	void bootsPatternPrintsNoQueryInMessagesOrStackTraces() {
		Throwable failure = Mono.error(new IllegalStateException("upstream /v2/me?token=in-message failed"))
			.checkpoint(
					"HTTP POST \"/shop/pi_payment/approve?access_token=in-checkpoint\" [ExceptionHandlingWebHandler]")
			.materialize()
			.block()
			.getThrowable();

		this.context.getLogger("org.springframework.web.server.adapter.HttpWebHandlerAdapter")
			.error("[1a2b] 500 Server Error for HTTP POST \"/shop/pi_payment/approve?access_token=in-line\"", failure);

		String text = this.printed.toString(StandardCharsets.UTF_8);
		assertThat(text).contains("500 Server Error for HTTP POST \"/shop/pi_payment/approve?[redacted]\"")
			.contains("IllegalStateException: upstream /v2/me?[redacted] failed")
			.contains("checkpoint")
			.doesNotContain("in-line")
			.doesNotContain("in-message")
			.doesNotContain("in-checkpoint");
	}

}
