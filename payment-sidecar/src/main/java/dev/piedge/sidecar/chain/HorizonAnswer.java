package dev.piedge.sidecar.chain;

import java.time.Duration;

/**
 * One HTTP answer from Horizon, before it is interpreted.
 *
 * @param status the status code
 * @param retryAfter the parsed {@code Retry-After}, or null
 * @param body the body (empty when there was none), or null when it was too large to read
 */
record HorizonAnswer(int status, Duration retryAfter, byte[] body) {

	boolean isSuccess() {
		return this.status >= 200 && this.status <= 299;
	}

}
