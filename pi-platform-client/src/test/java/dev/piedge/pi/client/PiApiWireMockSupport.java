package dev.piedge.pi.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock stand-in for the Pi Platform API on a dynamic port: started for each test
 * class, reset before each test, stopped after the class.
 */
abstract class PiApiWireMockSupport {

	static final String API_KEY = "test-server-api-key";
	static final String PAYMENT_ID = "jGCjzZqgg78B6Pf1wzYHFSBTqNIv";
	static final String TXID = "7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e7";
	static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(30);

	static final String PAYMENT_JSON = """
			{"identifier":"jGCjzZqgg78B6Pf1wzYHFSBTqNIv","user_uid":"uid-123","amount":3.14,
			 "memo":"Order #1","metadata":{"orderId":1,"price":0.1},
			 "from_address":"GFROM","to_address":"GTO",
			 "direction":"user_to_app","created_at":"2022-05-14T22:59:27.102Z","network":"Pi Testnet",
			 "status":{"developer_approved":true,"transaction_verified":true,
					   "developer_completed":false,"cancelled":false,"user_cancelled":false},
			 "transaction":{"txid":"7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e7",
							"verified":true,
							"_link":"https://api.testnet.minepi.com/transactions/7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e7"},
			 "some_future_field":{"x":1}}
			""";

	@RegisterExtension
	static final WireMockExtension pi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/**
	 * Generous per-attempt timeout (a cold JVM on a loaded 2-core machine took over 3 s
	 * for its first call, and a non-idempotent call is not retried), fast backoff, 3
	 * attempts. Timeout tests pass their own.
	 */
	PiApiProperties properties() {
		return properties(API_KEY, Duration.ofSeconds(15),
				new PiApiProperties.Retry(3, Duration.ofMillis(10), Duration.ofMillis(50), 0.5));
	}

	PiApiProperties properties(String key, Duration timeout, PiApiProperties.Retry retry) {
		return new PiApiProperties(URI.create(pi.baseUrl()), key, timeout, Duration.ofSeconds(1), null, retry);
	}

	PiPlatformClient client() {
		return new PiPlatformClient(properties());
	}

	int requestCount() {
		return pi.findAll(anyRequestedFor(anyUrl())).size();
	}

}
