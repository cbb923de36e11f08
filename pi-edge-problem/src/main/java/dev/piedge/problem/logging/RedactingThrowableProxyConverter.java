package dev.piedge.problem.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (stack traces with packaging data), with
 * {@link LogLineRedactor} applied to the whole trace: exception messages and Reactor's
 * checkpoint descriptions both print request URIs.
 */
public class RedactingThrowableProxyConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy throwable) {
		return LogLineRedactor.redact(super.throwableProxyToString(throwable));
	}

}
