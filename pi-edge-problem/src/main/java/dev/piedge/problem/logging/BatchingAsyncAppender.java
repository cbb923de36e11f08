package dev.piedge.problem.logging;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

/**
 * Hands log events to the appenders it holds on a thread of its own, which wakes up every
 * {@code flushInterval} and writes what has arrived since. For the access log: one line
 * per request, logged on Netty's event loops, which must never wait for a console write.
 * <p>
 * Logback's {@code AsyncAppender} does the same with a blocking queue, and so wakes its
 * worker for nearly every line: a futex wake and a context switch per request, measured
 * at about a tenth of the proxy's CPU under load (issue 16, {@code perf}). Here the
 * logging thread only adds to a lock-free queue and never signals anyone; the price is
 * that a line reaches the console up to {@code flushInterval} later.
 * <p>
 * Like {@code AsyncAppender} with {@code neverBlock}: when {@code queueSize} events are
 * waiting (the console cannot keep up), further events are dropped and counted, never
 * waited for. On stop, what is queued is written first, for at most {@code maxFlushTime}.
 * The appenders it holds are not stopped with it: others may use them (the access log
 * shares {@code CONSOLE} with every other logger), and the logger context stops each one.
 */
public class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

	private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();

	/** The queue's length: ConcurrentLinkedQueue.size() walks the whole queue. */
	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private int queueSize = 8192;

	private int flushIntervalMillis = 20;

	private int maxFlushTimeMillis = 1000;

	private volatile Thread worker;

	public void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	public void setFlushIntervalMillis(int flushIntervalMillis) {
		this.flushIntervalMillis = flushIntervalMillis;
	}

	public void setMaxFlushTimeMillis(int maxFlushTimeMillis) {
		this.maxFlushTimeMillis = maxFlushTimeMillis;
	}

	/** Events refused because the queue was full, since the start. */
	public long droppedCount() {
		return this.dropped.get();
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		if (this.queueSize < 1 || this.flushIntervalMillis < 1) {
			addError("queueSize and flushIntervalMillis must be at least 1 for appender [" + this.name + "]");
			return;
		}
		if (!this.appenders.iteratorForAppenders().hasNext()) {
			addError("No appender-ref for appender [" + this.name + "]: its events would go nowhere");
			return;
		}
		super.start();
		Thread thread = new Thread(this::writeUntilStopped, "BatchingAsyncAppender-" + this.name);
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		Thread thread = this.worker;
		LockSupport.unpark(thread);
		try {
			thread.join(this.maxFlushTimeMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			addWarn("Stopped with " + this.queued.get() + " events not yet written by appender [" + this.name + "]");
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (this.queued.incrementAndGet() > this.queueSize) {
			this.queued.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		// The message's arguments and the thread's MDC as they are now, before another
		// thread writes the event.
		event.prepareForDeferredProcessing();
		this.queue.offer(event);
	}

	private void writeUntilStopped() {
		long interval = TimeUnit.MILLISECONDS.toNanos(this.flushIntervalMillis);
		while (isStarted()) {
			writeQueued();
			LockSupport.parkNanos(this, interval);
		}
		writeQueued();
	}

	private void writeQueued() {
		ILoggingEvent event;
		while ((event = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			this.appenders.appendLoopOnAppenders(event);
		}
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.appenders.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.appenders.iteratorForAppenders();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return this.appenders.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.appenders.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.appenders.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.appenders.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.appenders.detachAppender(name);
	}

}
