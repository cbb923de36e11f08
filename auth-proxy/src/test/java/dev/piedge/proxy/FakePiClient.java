package dev.piedge.proxy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.piedge.pi.client.PiAccessTokenRejectedException;
import dev.piedge.pi.client.PiApiUnavailableException;
import dev.piedge.pi.client.PiCredentials;
import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.pi.client.PiUser;
import dev.piedge.pi.client.PiValidUntil;

import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Pi's {@code GET /v2/me} as a unit test drives it: every call waits on its own
 * {@link Sinks.One} until the test answers, rejects or fails it, so the test decides when
 * Pi answers and nothing waits on the clock. A call is counted when it is subscribed, as
 * an HTTP call would be sent.
 */
public final class FakePiClient {

	private final PiPlatformClient client = mock(PiPlatformClient.class);

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	public FakePiClient() {
		given(this.client.me(anyString())).willAnswer(invocation -> {
			String token = invocation.getArgument(0);
			return Mono.defer(() -> {
				Call call = new Call(token, Sinks.one());
				this.calls.add(call);
				return call.answer.asMono();
			});
		});
	}

	/** The client to hand to the code under test. */
	public PiPlatformClient client() {
		return this.client;
	}

	/** How many {@code /v2/me} calls were made with this token, answered or not. */
	public int calls(String token) {
		return (int) this.calls.stream().filter(call -> call.token.equals(token)).count();
	}

	/** How many {@code /v2/me} calls were made with this token and await an answer. */
	public int pending(String token) {
		return (int) this.calls.stream().filter(call -> call.token.equals(token) && call.isPending()).count();
	}

	/** Pi verifies the token, valid until {@code validUntil}. */
	public void answer(String token, String uid, String username, List<String> scopes, Instant validUntil) {
		PiUser user = new PiUser(uid, username,
				new PiCredentials(scopes, new PiValidUntil(validUntil.getEpochSecond(), validUntil.toString())));
		emit(token, pendingCall(token).answer.tryEmitValue(user));
	}

	/** Pi answers 401: the token is invalid or expired. */
	public void reject(String token) {
		emit(token, pendingCall(token).answer.tryEmitError(PiAccessTokenRejectedException.rejectedByPi()));
	}

	/** Pi cannot answer (here a 503). */
	public void fail(String token) {
		emit(token,
				pendingCall(token).answer.tryEmitError(PiApiUnavailableException.serverError("GET /v2/me", 503, null)));
	}

	private Call pendingCall(String token) {
		List<Call> pending = this.calls.stream().filter(call -> call.token.equals(token) && call.isPending()).toList();
		assertThat(pending).as("pending /v2/me calls for %s", token).hasSize(1);
		return pending.get(0);
	}

	private static void emit(String token, Sinks.EmitResult result) {
		assertThat(result).as("answering the /v2/me call for %s", token).isEqualTo(Sinks.EmitResult.OK);
	}

	private record Call(String token, Sinks.One<PiUser> answer) {

		/** Not answered yet, and its caller still waits for the answer. */
		boolean isPending() {
			return !Boolean.TRUE.equals(this.answer.scan(Scannable.Attr.TERMINATED))
					&& this.answer.currentSubscriberCount() > 0;
		}

	}

}
