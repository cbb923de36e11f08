package dev.piedge.proxy.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a {@link RoutePolicy} from route metadata, strictly: unknown {@code pi-} keys and
 * bad values are errors that name the route and the key.
 */
final class RoutePolicyParser {

	static final String AUTH = "pi-auth";

	static final String SCOPES = "pi-scopes";

	static final String FORWARD_TOKEN = "pi-forward-token";

	static final String TOKEN_FROM_BODY = "pi-token-from-body";

	static final String PI_BROWSER = "pi-browser";

	private static final Set<String> KEYS = Set.of(AUTH, SCOPES, FORWARD_TOKEN, TOKEN_FROM_BODY, PI_BROWSER);

	private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private RoutePolicyParser() {
	}

	static RoutePolicy parse(String routeId, Map<String, Object> metadata) {
		for (String key : metadata.keySet()) {
			if (key.toLowerCase(Locale.ROOT).startsWith("pi-") && !KEYS.contains(key)) {
				throw InvalidRoutePolicyException.of(routeId, key, "is not a pi-edge key; use one of " + KEYS);
			}
		}
		RoutePolicy defaults = RoutePolicy.defaultFor(routeId);
		AuthMode mode = metadata.containsKey(AUTH) ? mode(routeId, metadata.get(AUTH)) : defaults.mode();
		Set<String> scopes = metadata.containsKey(SCOPES) ? scopes(routeId, metadata.get(SCOPES)) : Set.of();
		if (mode == AuthMode.PUBLIC && !scopes.isEmpty()) {
			throw InvalidRoutePolicyException.of(routeId, SCOPES, "cannot be combined with pi-auth: public");
		}
		return new RoutePolicy(routeId, mode, scopes, flag(routeId, metadata, FORWARD_TOKEN, defaults.forwardToken()),
				flag(routeId, metadata, TOKEN_FROM_BODY, defaults.tokenFromBody()),
				flag(routeId, metadata, PI_BROWSER, defaults.piBrowser()));
	}

	private static AuthMode mode(String routeId, Object value) {
		try {
			return AuthMode.parse(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRoutePolicyException.of(routeId, AUTH,
					"is '" + value + "'; it must be one of required, optional, public");
		}
	}

	private static Set<String> scopes(String routeId, Object value) {
		Set<String> scopes = new LinkedHashSet<>();
		for (Object item : items(value)) {
			String scope = String.valueOf(item).trim();
			if (!SCOPE.matcher(scope).matches()) {
				throw InvalidRoutePolicyException.of(routeId, SCOPES,
						"has '" + scope + "', which is not a Pi scope name (lower-case letters, digits, _)");
			}
			scopes.add(scope);
		}
		return scopes;
	}

	/**
	 * YAML lists under route metadata bind as maps keyed "0", "1", …; accept those, lists
	 * and "a, b".
	 */
	private static Collection<?> items(Object value) {
		if (value instanceof Collection<?> collection) {
			return collection;
		}
		if (value instanceof Map<?, ?> map) {
			Map<Integer, Object> ordered = new TreeMap<>();
			map.forEach((index, item) -> ordered.put(Integer.valueOf(String.valueOf(index)), item));
			return new ArrayList<>(ordered.values());
		}
		String text = String.valueOf(value).trim();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		return text.isBlank() ? List.of() : Arrays.asList(text.split(","));
	}

	private static boolean flag(String routeId, Map<String, Object> metadata, String key, boolean absent) {
		Object value = metadata.get(key);
		if (value == null) {
			return absent;
		}
		String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
		if (!text.equals("true") && !text.equals("false")) {
			throw InvalidRoutePolicyException.of(routeId, key, "is '" + value + "'; it must be true or false");
		}
		return Boolean.parseBoolean(text);
	}

}
