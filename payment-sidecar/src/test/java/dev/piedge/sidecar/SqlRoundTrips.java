package dev.piedge.sidecar;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.MethodExecutionInfo;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL round trips the sidecar makes: every statement executed, and every
 * {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK}, each of which waits for the
 * database once. Import {@link Configuration} and the application's
 * {@link ConnectionFactory} is wrapped with r2dbc-proxy.
 *
 * <p>
 * The fulfilment relay's own statements (it counts, claims, marks and prunes
 * {@code outbox_event} rows on its own schedule) are left out, so a count covers only the
 * work of the requests a test makes; the statement that completes a payment and writes
 * its outbox event is counted.
 */
public final class SqlRoundTrips implements BeanPostProcessor, ProxyExecutionListener {

	private static final Set<String> TRANSACTION_METHODS = Set.of("beginTransaction", "commitTransaction",
			"rollbackTransaction");

	private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

	/** Forgets what was counted so far. */
	public void reset() {
		this.statements.clear();
	}

	/** The round trips since the last {@link #reset()}, in order. */
	public List<String> statements() {
		return List.copyOf(this.statements);
	}

	public int count() {
		return this.statements.size();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConnectionFactory factory) {
			return ProxyConnectionFactory.builder(factory).listener(this).build();
		}
		return bean;
	}

	@Override
	public void beforeMethod(MethodExecutionInfo info) {
		String method = info.getMethod().getName();
		if (TRANSACTION_METHODS.contains(method)) {
			this.statements.add(method.replace("Transaction", "").toUpperCase(Locale.ROOT));
		}
	}

	@Override
	public void afterQuery(QueryExecutionInfo info) {
		String sql = info.getQueries().get(0).getQuery().strip();
		if (!isRelays(sql)) {
			this.statements.add(sql);
		}
	}

	private static boolean isRelays(String sql) {
		return sql.startsWith("UPDATE outbox_event") || sql.startsWith("DELETE FROM outbox_event")
				|| sql.startsWith("SELECT count(*) FROM outbox_event");
	}

	/** Registers the counter for a test's application context. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static SqlRoundTrips sqlRoundTrips() {
			return new SqlRoundTrips();
		}

	}

}
