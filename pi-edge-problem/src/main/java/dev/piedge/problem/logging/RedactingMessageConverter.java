package dev.piedge.problem.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %m}, with {@link LogLineRedactor} applied. Registered by
 * {@code redaction.xml}.
 */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return LogLineRedactor.redact(super.convert(event));
	}

}
