package dev.piedge.sidecar.polling;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A background job that runs on a fixed interval and whenever it is nudged, one run at a
 * time: ticks and nudges that arrive during a run collapse into one follow-up run, so
 * runs never overlap on one instance. Its owner starts and stops it with the application
 * (a {@code SmartLifecycle}).
 */
public final class PollingLoop {

	private final Sinks.Many<Long> nudges = Sinks.many().multicast().directBestEffort();

	private volatile Disposable loop;

	/** Asks for a run as soon as the current one (if any) ends. */
	public void nudge() {
		this.nudges.tryEmitNext(0L);
	}

	/**
	 * Starts running {@code run} now, then every {@code interval} and after each nudge.
	 * @param interval the time between two scheduled runs
	 * @param run one run; its errors must be handled inside it
	 */
	public void start(Duration interval, Supplier<Mono<Void>> run) {
		this.loop = Flux.merge(Flux.interval(Duration.ZERO, interval), this.nudges.asFlux())
			.onBackpressureDrop()
			.concatMap(tick -> run.get(), 1)
			.subscribe();
	}

	/** Stops the loop; a run in flight is cancelled. */
	public void stop() {
		Disposable current = this.loop;
		if (current != null) {
			current.dispose();
			this.loop = null;
		}
	}

	public boolean isRunning() {
		Disposable current = this.loop;
		return current != null && !current.isDisposed();
	}

}
