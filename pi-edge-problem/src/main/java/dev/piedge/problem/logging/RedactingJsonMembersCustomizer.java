package dev.piedge.problem.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Passes every string value of Spring Boot's structured (JSON) log lines through
 * {@link LogLineRedactor}: the message, the stack trace, MDC and key-value pairs alike,
 * whichever format ({@code ecs}, {@code logstash}, {@code gelf}) is chosen. Structured
 * logging does not use Logback's pattern converters, so {@code redaction.xml} alone would
 * not reach it. Boot finds this class through {@code META-INF/spring.factories}.
 */
public class RedactingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogLineRedactor::redact));
	}

}
