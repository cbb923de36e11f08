package dev.piedge.proxy.framing;

import java.util.List;
import java.util.Map;

import dev.piedge.proxy.browser.BrowserProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSP3 (W3C Content Security Policy Level 3) is the source of each rule: a response's
 * policies are each enforced on their own, a directive name is case-insensitive, the
 * first of two same-named directives wins, and {@code 'none'} "has no effect when other
 * source expressions are present".
 */
class FrameAncestorsPolicyTests {

	private static final String PI_PARENTS = "https://app-cdn.minepi.com https://sandbox.minepi.com https://*.pinet.com";

	private static final String OURS = "frame-ancestors 'self' " + PI_PARENTS;

	private final FrameAncestorsPolicy policy = new FrameAncestorsPolicy(browser(Map.of()));

	@Test
	void directiveListsSelfThenThePiParents() {
		assertThat(this.policy.directive()).isEqualTo(OURS);
	}

	@Test
	void directiveListsConfiguredAncestorsOnceEach() {
		FrameAncestorsPolicy custom = new FrameAncestorsPolicy(browser(Map.of("pi.browser.frame-ancestors[0]",
				"https://host.example:8443", "pi.browser.frame-ancestors[1]", "https://host.example:8443")));

		assertThat(custom.directive()).isEqualTo("frame-ancestors 'self' https://host.example:8443");
	}

	@Test
	void noPolicyGetsOneWithOnlyFrameAncestors() {
		assertThat(this.policy.applyTo(List.of())).containsExactly(OURS);
	}

	@Test
	void policyWithoutFrameAncestorsGetsOursAppended() {
		assertThat(this.policy.applyTo(List.of("default-src 'self'; img-src *")))
			.containsExactly("default-src 'self'; img-src *; " + OURS);
		assertThat(this.policy.applyTo(List.of("default-src 'self';  ")))
			.containsExactly("default-src 'self'; " + OURS);
	}

	@Test
	void mergesAFrameAncestorsDirectiveDroppingNoneAndDuplicates() {
		assertThat(this.policy.applyTo(List.of("default-src 'self'; frame-ancestors 'none'")))
			.containsExactly("default-src 'self'; " + OURS);
		assertThat(this.policy.applyTo(List.of("frame-ancestors https://partner.example 'SELF' 'None'")))
			.containsExactly("frame-ancestors https://partner.example 'SELF' " + PI_PARENTS);
		assertThat(this.policy.applyTo(List.of("frame-ancestors HTTPS://APP-CDN.MINEPI.COM 'self'")))
			.containsExactly("frame-ancestors HTTPS://APP-CDN.MINEPI.COM 'self' https://sandbox.minepi.com"
					+ " https://*.pinet.com");
	}

	@Test
	void directiveNamesAreCaseInsensitive() {
		assertThat(this.policy.applyTo(List.of("script-src 'self'; Frame-Ancestors 'none'")))
			.containsExactly("script-src 'self'; " + OURS);
	}

	@Test
	void frameAncestorsWithoutSourcesAllowsNothingAndIsMergedToo() {
		assertThat(this.policy.applyTo(List.of("frame-ancestors; script-src 'self'")))
			.containsExactly(OURS + "; script-src 'self'");
	}

	@Test
	void keepsEveryOtherDirectiveByteForByte() {
		assertThat(this.policy.applyTo(List.of("default-src  'self' ;\tframe-ancestors 'none' ;report-uri /csp")))
			.containsExactly("default-src  'self' ;\t" + OURS + " ;report-uri /csp");
	}

	@Test
	void mergesOnlyTheFirstOfTwoFrameAncestorsDirectivesSinceBrowsersIgnoreTheSecond() {
		assertThat(this.policy.applyTo(List.of("frame-ancestors 'none'; frame-ancestors https://x.example")))
			.containsExactly(OURS + "; frame-ancestors https://x.example");
	}

	@Test
	void directiveWithANonAsciiCharacterCountsAsAbsentSinceBrowsersSkipIt() {
		assertThat(this.policy.applyTo(List.of("frame-ancestors 'none' https://b\u00fccher.example")))
			.containsExactly("frame-ancestors 'none' https://b\u00fccher.example; " + OURS);
	}

	@Test
	void mergesEveryPolicyThatHasFrameAncestorsWhetherSeparateHeadersOrCommaJoined() {
		assertThat(this.policy.applyTo(
				List.of("default-src 'self'; frame-ancestors 'none'", "script-src 'self', frame-ancestors 'self'")))
			.containsExactly("default-src 'self'; " + OURS, "script-src 'self', " + OURS);
	}

	@Test
	void whenNoPolicyHasFrameAncestorsExactlyTheFirstGetsOurs() {
		assertThat(this.policy.applyTo(List.of("script-src 'self', img-src *", "style-src 'self'")))
			.containsExactly("script-src 'self'; " + OURS + ", img-src *", "style-src 'self'");
	}

	@Test
	void policyWhoseFrameAncestorsComesLaterIsMergedAndNoOtherGetsOurs() {
		assertThat(this.policy.applyTo(List.of("script-src 'self'", "img-src *, frame-ancestors 'none'")))
			.containsExactly("script-src 'self'", "img-src *, " + OURS);
	}

	static BrowserProperties browser(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("pi.browser",
				BrowserProperties.class);
	}

}
