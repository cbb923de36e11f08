package dev.piedge.problem.logging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log's appender: lines leave the logging thread without waiting or waking
 * anyone, in order, with their MDC, and none is lost on stop.
 */
class BatchingAsyncAppenderTests {

	private final LoggerContext context = new LoggerContext();

	private final RecordingAppender written = new RecordingAppender();

	private final BatchingAsyncAppender appender = new BatchingAsyncAppender();

	private Logger logger;

	@BeforeEach
	void configure() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.written.setContext(this.context);
		this.written.start();
		this.appender.setContext(this.context);
		this.appender.setName("ACCESS_ASYNC");
		this.appender.addAppender(this.written);
		this.logger = this.context.getLogger("pi-edge.access");
		this.logger.setAdditive(false);
	}

	@AfterEach
	void stop() {
		this.written.release();
		this.appender.stop();
		this.context.stop();
	}

	@Test
	void writesEveryLineInOrderOnItsOwnThreadNotTheLoggingOne() {
		start();
		for (int i = 0; i < 100; i++) {
			this.logger.info("line {}", i);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.written.events.size() == 100);
		assertThat(this.written.events).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> "line " + i).toList());
		assertThat(this.written.threads).containsOnly("BatchingAsyncAppender-ACCESS_ASYNC");
		assertThat(this.written.events).extracting(ILoggingEvent::getThreadName)
			.containsOnly(Thread.currentThread().getName());
	}

	@Test
	void keepsTheMdcOfTheMomentTheLineWasLogged() {
		start();
		this.context.getMDCAdapter().put("request", "first");
		this.logger.info("with mdc");
		this.context.getMDCAdapter().remove("request");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.written.events.size() == 1);
		assertThat(this.written.events.get(0).getMDCPropertyMap()).containsEntry("request", "first");
	}

	@Test
	void dropsLinesInsteadOfWaitingWhenTheQueueIsFull() throws InterruptedException {
		this.appender.setQueueSize(2);
		this.appender.setFlushIntervalMillis(1);
		this.written.blockOnFirstEvent();
		start();
		this.logger.info("taken by the writer, which then blocks");
		assertThat(this.written.blocked.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 1; i <= 5; i++) {
			this.logger.info("queued or dropped {}", i);
		}
		assertThat(this.appender.droppedCount()).isEqualTo(3);
		this.written.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.written.events.size() == 3);
		assertThat(this.written.events).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("taken by the writer, which then blocks", "queued or dropped 1", "queued or dropped 2");
	}

	@Test
	void writesWhatIsQueuedWhenStopped() {
		this.appender.setFlushIntervalMillis(60_000);
		start();
		// Once the writer sleeps (for a minute), only stop() can write these lines.
		await().atMost(Duration.ofSeconds(5)).until(() -> writerState() == Thread.State.TIMED_WAITING);
		this.logger.info("one");
		this.logger.info("two");
		this.appender.stop();
		assertThat(this.written.events).extracting(ILoggingEvent::getFormattedMessage).containsExactly("one", "two");
		assertThat(this.written.isStarted()).as("CONSOLE is shared with other loggers").isTrue();
	}

	@Test
	void doesNotStartWithoutAnAppenderToWriteTo() {
		BatchingAsyncAppender alone = new BatchingAsyncAppender();
		alone.setContext(this.context);
		alone.setName("ALONE");
		alone.start();
		assertThat(alone.isStarted()).isFalse();
		assertThat(this.context.getStatusManager().getCopyOfStatusList())
			.anySatisfy((status) -> assertThat(status.getMessage()).contains("No appender-ref"));
	}

	private static Thread.State writerState() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("BatchingAsyncAppender-ACCESS_ASYNC"))
			.map(Thread::getState)
			.findFirst()
			.orElse(Thread.State.NEW);
	}

	private void start() {
		this.appender.start();
		assertThat(this.appender.isStarted()).isTrue();
		this.logger.addAppender(this.appender);
	}

	private static final class RecordingAppender extends AppenderBase<ILoggingEvent> {

		final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final CountDownLatch blocked = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile boolean blockOnFirst;

		void blockOnFirstEvent() {
			this.blockOnFirst = true;
		}

		void release() {
			this.released.countDown();
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(event);
			this.threads.add(Thread.currentThread().getName());
			if (this.blockOnFirst && this.events.size() == 1) {
				this.blocked.countDown();
				try {
					this.released.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
