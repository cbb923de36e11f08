package dev.piedge.problem;

/**
 * A stable {@code code} a problem+json answer carries, the member clients branch on. Each
 * application keeps every code it can answer in one enum that implements this, so the
 * codes are a list that can be reviewed and checked against the documentation, never
 * string literals spread over the exceptions.
 */
public interface ProblemCode {

	/**
	 * The code as clients read it in the body's {@code code} member, such as
	 * {@code missing_token}. It never changes once published.
	 * @return lower-case words joined by {@code _}
	 */
	String code();

}
