package dev.piedge.proxy.framing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6265bis (draft-ietf-httpbis-rfc6265bis) section 5.6 is the parser these rewrites
 * follow: the name-value pair is everything before the first {@code ;}, attribute names
 * are matched case-insensitively after leading and trailing whitespace is removed, and an
 * attribute a browser does not know is ignored, so it is kept as it came.
 */
class SetCookieRewriterTests {

	private static final String CROSS_SITE = "; SameSite=None; Secure; Partitioned";

	@Test
	void replacesSameSiteAndAddsSecureAndPartitionedKeepingEveryOtherAttribute() {
		assertThat(SetCookieRewriter.crossSite("sid=abc123; Path=/; Domain=shop.example; HttpOnly; SameSite=Lax"))
			.isEqualTo("sid=abc123; Path=/; Domain=shop.example; HttpOnly" + CROSS_SITE);
	}

	@Test
	void findsAttributesInAnyCaseAndSpacing() {
		assertThat(SetCookieRewriter.crossSite("cart=1;path=/shop;secure;samesite=lax"))
			.isEqualTo("cart=1;path=/shop" + CROSS_SITE);
		assertThat(SetCookieRewriter.crossSite("theme=dark ;  SameSite = Strict ; Max-Age=3600 ;\tSECURE"))
			.isEqualTo("theme=dark ; Max-Age=3600 " + CROSS_SITE);
	}

	@Test
	void keepsTheNameAndValueByteForByte() {
		assertThat(SetCookieRewriter.crossSite("__Host-csrf=\"a=b==\";Path=/"))
			.isEqualTo("__Host-csrf=\"a=b==\";Path=/" + CROSS_SITE);
		assertThat(SetCookieRewriter.crossSite(" odd name = v a l ")).isEqualTo(" odd name = v a l " + CROSS_SITE);
	}

	@Test
	void rewritesDeletionsSinceOnlyAPartitionedSetCookieDeletesAPartitionedCookie() {
		assertThat(SetCookieRewriter.crossSite("sid=; Max-Age=0; Path=/; SameSite=Lax"))
			.isEqualTo("sid=; Max-Age=0; Path=/" + CROSS_SITE);
		assertThat(SetCookieRewriter.crossSite("sid=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"))
			.isEqualTo("sid=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/" + CROSS_SITE);
	}

	@Test
	void writesEachOfItsAttributesOnceWhateverTheBackendAlreadySent() {
		assertThat(SetCookieRewriter.crossSite("a=1; Partitioned; Secure; SameSite=None; secure; Path=/"))
			.isEqualTo("a=1; Path=/" + CROSS_SITE);
		assertThat(SetCookieRewriter.crossSite("a=1; Secure=yes; SameSite")).isEqualTo("a=1" + CROSS_SITE);
	}

	@Test
	void addsTheAttributesToACookieWithoutAny() {
		assertThat(SetCookieRewriter.crossSite("a=1")).isEqualTo("a=1" + CROSS_SITE);
		assertThat(SetCookieRewriter.crossSite("a=1; Path=/;")).isEqualTo("a=1; Path=/" + CROSS_SITE);
	}

	@Test
	void keepsAttributesThatOnlyStartLikeOurs() {
		assertThat(SetCookieRewriter.crossSite("a=1; SameSiteMode=lax; Secured=1"))
			.isEqualTo("a=1; SameSiteMode=lax; Secured=1" + CROSS_SITE);
	}

	@Test
	void leavesAloneWhatBrowsersIgnoreEntirely() {
		// RFC 6265bis 5.6: a control character (other than HTAB) means "ignore the
		// set-cookie-string entirely"; an empty one sets nothing.
		assertThat(SetCookieRewriter.crossSite("a=1\u0001; SameSite=Lax")).isEqualTo("a=1\u0001; SameSite=Lax");
		assertThat(SetCookieRewriter.crossSite("")).isEmpty();
	}

}
