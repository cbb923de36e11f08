package dev.piedge.sidecar.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for the embedded PostgreSQL that backs the zero-setup demo.
 *
 * @param enabled start an embedded PostgreSQL and use it instead of
 * {@code spring.r2dbc.url}. Off by default: a payment ledger must never silently land in
 * a throwaway database because a URL was forgotten.
 * @param dataDirectory where the embedded server keeps its files; empty means a temporary
 * directory that is deleted on shutdown
 */
@ConfigurationProperties("pi.sidecar.embedded-database")
record EmbeddedDatabaseProperties(boolean enabled, Path dataDirectory) {
}
