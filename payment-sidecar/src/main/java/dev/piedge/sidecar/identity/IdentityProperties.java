package dev.piedge.sidecar.identity;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sidecar checks that a caller's identity came from auth-proxy
 * ({@code pi.identity.*}).
 *
 * @param jwksUri the proxy's {@code /.well-known/jwks.json}
 * @param issuer the {@code iss} the proxy signs with
 * @param audience the {@code aud} expected: the id of the proxy route that leads here
 * @param clockSkew tolerance on {@code exp}/{@code iat} between proxy and sidecar clocks
 */
@Validated
@ConfigurationProperties("pi.identity")
public record IdentityProperties(@NotNull URI jwksUri, @DefaultValue("pi-edge") String issuer,
		@DefaultValue("payments") String audience, @DefaultValue("30s") Duration clockSkew) {
}
