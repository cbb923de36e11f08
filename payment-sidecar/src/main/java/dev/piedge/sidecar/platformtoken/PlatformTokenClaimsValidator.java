package dev.piedge.sidecar.platformtoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The rules a platform token's claims follow beyond its signature: {@code sub},
 * {@code iat}, {@code exp} and {@code permissions} (an array of strings) are present;
 * {@code iat} is not in the future; {@code exp - iat} is at most the configured maximum
 * lifetime, so a platform cannot mint long-lived credentials by mistake; and {@code aud}
 * holds the configured audience, if any. {@code exp} itself is checked by Spring's
 * timestamp validator. Each failure's description is what the caller reads.
 */
class PlatformTokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

	static final int MAX_SUBJECT_LENGTH = 255;

	private final Duration maxLifetime;

	private final Duration clockSkew;

	private final String audience;

	private final Clock clock;

	PlatformTokenClaimsValidator(PlatformTokenProperties properties, Clock clock) {
		this.maxLifetime = properties.maxLifetime();
		this.clockSkew = properties.clockSkew();
		this.audience = properties.audience();
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
			return failure("The platform token needs a sub claim of 1 to " + MAX_SUBJECT_LENGTH + " characters.");
		}
		Instant issuedAt = jwt.getIssuedAt();
		Instant expiresAt = jwt.getExpiresAt();
		if (issuedAt == null || expiresAt == null) {
			return failure("The platform token needs iat and exp claims.");
		}
		if (issuedAt.isAfter(this.clock.instant().plus(this.clockSkew))) {
			return failure("The platform token's iat is in the future.");
		}
		if (Duration.between(issuedAt, expiresAt).compareTo(this.maxLifetime) > 0) {
			return failure(
					"The platform token lives longer (exp - iat) than the " + this.maxLifetime + " pi-edge accepts.");
		}
		if (!(jwt.getClaims().get("permissions") instanceof List<?> permissions)
				|| !permissions.stream().allMatch(String.class::isInstance)) {
			return failure("The platform token needs a permissions claim: an array of strings.");
		}
		if (this.audience != null && (jwt.getAudience() == null || !jwt.getAudience().contains(this.audience))) {
			return failure("The platform token's aud does not include " + this.audience + ".");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

}
