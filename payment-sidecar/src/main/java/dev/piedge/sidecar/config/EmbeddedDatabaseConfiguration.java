package dev.piedge.sidecar.config;

import java.io.IOException;

import javax.sql.DataSource;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL from the binaries Maven fetched and points both R2DBC and Flyway at
 * it, so the demo and the tests run the same SQL as production without any database to
 * install. Boot's own R2DBC connection factory backs off because this one is defined.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("pi.sidecar.embedded-database.enabled")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (properties.dataDirectory() != null) {
			builder.setDataDirectory(properties.dataDirectory()).setCleanDataDirectory(false);
		}
		EmbeddedPostgres postgres = builder.start();
		log.warn("Using embedded PostgreSQL on port {} (data in {}). Configure spring.r2dbc.url for production.",
				postgres.getPort(),
				properties.dataDirectory() != null ? properties.dataDirectory() : "a temporary directory");
		return postgres;
	}

	@Bean
	ConnectionFactory connectionFactory(EmbeddedPostgres postgres) {
		return ConnectionFactories
			.get("r2dbc:pool:postgresql://postgres@localhost:" + postgres.getPort() + "/postgres?maxSize=10");
	}

	@Bean
	@FlywayDataSource
	DataSource flywayDataSource(EmbeddedPostgres postgres) {
		return postgres.getPostgresDatabase();
	}

}
