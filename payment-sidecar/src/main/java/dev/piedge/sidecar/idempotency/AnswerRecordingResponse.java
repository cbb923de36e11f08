package dev.piedge.sidecar.idempotency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that hands its answer (status, the headers worth replaying, the whole body)
 * to a recorder before any of it is written, so the answer is stored before the caller
 * can see it, and a retry right after finds it.
 */
class AnswerRecordingResponse extends ServerHttpResponseDecorator {

	private final Function<StoredAnswer, Mono<Void>> recorder;

	private final AtomicBoolean recorded = new AtomicBoolean();

	AnswerRecordingResponse(ServerHttpResponse delegate, Function<StoredAnswer, Mono<Void>> recorder) {
		super(delegate);
		this.recorder = recorder;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return DataBufferUtils.join(body).map(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap(bytes -> record(bytes)
				.then(Mono.defer(() -> super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(bytes))))));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return writeWith(Flux.from(body).concatMap(Flux::from));
	}

	@Override
	public Mono<Void> setComplete() {
		return record(new byte[0]).then(Mono.defer(super::setComplete));
	}

	private Mono<Void> record(byte[] body) {
		if (!this.recorded.compareAndSet(false, true)) {
			return Mono.empty();
		}
		HttpStatusCode status = getStatusCode();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : StoredAnswer.KEPT_HEADERS) {
			List<String> values = getHeaders().get(name);
			if (values != null && !values.isEmpty()) {
				headers.put(name, List.copyOf(values));
			}
		}
		return this.recorder.apply(new StoredAnswer((status != null) ? status.value() : 200, headers, body));
	}

}
