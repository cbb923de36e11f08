package dev.piedge.sandbox.sdk;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for the Pi SDK emulator's endpoints ({@code /sdk/**}), which the script calls from
 * the app's page on another origin: any origin, no credentials (the access token travels
 * in {@code Authorization}, never in a cookie). The Platform API ({@code /v2/...}) and
 * the admin endpoints ({@code /sandbox/...}) get none: a browser never calls Pi's server
 * API, and a web page must not reset the sandbox. A WebFilter, so that error answers
 * carry the headers too and the script can read Pi's error body.
 */
@Configuration(proxyBeanMethods = false)
class SdkCorsConfiguration {

	@Bean
	CorsWebFilter sdkCorsWebFilter() {
		CorsConfiguration sdk = new CorsConfiguration();
		sdk.addAllowedOrigin(CorsConfiguration.ALL);
		sdk.setAllowedMethods(List.of("GET", "POST"));
		sdk.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		sdk.setAllowCredentials(false);
		sdk.setMaxAge(Duration.ofMinutes(10));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/sdk/**", sdk);
		return new CorsWebFilter(source);
	}

}
