package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The token is valid but lacks a Pi scope the route requires.
 */
public final class InsufficientScopeException extends ProblemException {

	private final Set<String> missingScopes;

	private InsufficientScopeException(Set<String> missingScopes) {
		super(HttpStatus.FORBIDDEN, ProxyProblemCode.INSUFFICIENT_SCOPE,
				"The Pi access token lacks the scope(s) this route requires: " + String.join(" ", missingScopes) + ".");
		this.missingScopes = missingScopes;
	}

	public static InsufficientScopeException missing(Set<String> missingScopes) {
		return new InsufficientScopeException(new TreeSet<>(missingScopes));
	}

	public Set<String> missingScopes() {
		return this.missingScopes;
	}

	@Override
	public Map<String, Object> extra() {
		return Map.of("missing_scopes", this.missingScopes);
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.withError("insufficient_scope") + ", scope=\""
				+ String.join(" ", this.missingScopes) + "\"");
		return headers;
	}

}
