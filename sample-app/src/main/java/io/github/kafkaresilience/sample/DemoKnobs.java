package io.github.kafkaresilience.sample;

import java.time.Duration;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The demo's runtime knobs: time per order, the load generator's rate, and a switch that
 * blocks the listener as a lock or a remote call without timeout would.
 */
@Component
public class DemoKnobs implements ApplicationListener<ContextClosedEvent> {

	private final Object stuckLock = new Object();

	private volatile Duration processingDelay;

	private volatile double rate;

	private boolean stuck;

	DemoKnobs(SampleProperties properties) {
		this.processingDelay = properties.getProcessingDelay();
		this.rate = properties.getRate();
	}

	Duration processingDelay() {
		return this.processingDelay;
	}

	void processingDelay(Duration processingDelay) {
		this.processingDelay = processingDelay;
	}

	double rate() {
		return this.rate;
	}

	void rate(double rate) {
		this.rate = rate;
	}

	boolean stuck() {
		synchronized (this.stuckLock) {
			return this.stuck;
		}
	}

	void stuck(boolean stuck) {
		synchronized (this.stuckLock) {
			this.stuck = stuck;
			this.stuckLock.notifyAll();
		}
	}

	/**
	 * Block the calling listener thread while the stuck switch is on.
	 * @throws InterruptedException if the thread is interrupted while blocked
	 */
	void awaitUnstuck() throws InterruptedException {
		synchronized (this.stuckLock) {
			while (this.stuck) {
				this.stuckLock.wait();
			}
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Release a blocked listener before the containers stop, so that Ctrl+C during
		// the
		// STUCK demo does not wait for kafka.resilience.shutdown.timeout.
		stuck(false);
	}

}
