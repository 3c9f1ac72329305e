package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A steady request rate against one URL on loopback: one request at a time on a fixed
 * schedule, bounded in count and in time. Latency is measured from the moment a request
 * was due, not from when it was sent, so a slow response that delays the next request
 * shows in that request's latency too (no coordinated omission); the time from sending to
 * the last byte is kept as the service time.
 *
 * @author kafka-resilience
 */
final class EndpointLoad {

	private final HttpClient client;

	private final int ratePerSecond;

	private final Duration maxTime;

	EndpointLoad(HttpClient client, int ratePerSecond, Duration maxTime) {
		this.client = client;
		this.ratePerSecond = ratePerSecond;
		this.maxTime = maxTime;
	}

	/**
	 * Send warm-up requests, then measured ones, at the configured rate.
	 * @param uri the URL, on loopback
	 * @param warmup requests sent first and not recorded
	 * @param requests requests recorded
	 * @return what was measured; fewer requests than asked if the time limit was reached
	 */
	Result run(URI uri, int warmup, int requests) {
		if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
			throw new IllegalArgumentException("Load is only ever sent to loopback, not " + uri);
		}
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
		double[] latencies = new double[requests];
		double[] services = new double[requests];
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / this.ratePerSecond;
		long start = System.nanoTime();
		long deadline = start + this.maxTime.toNanos();
		int errors = 0;
		long bytes = 0;
		int recorded = 0;
		for (int i = 0; i < warmup + requests && System.nanoTime() < deadline; i++) {
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Threads.sleep(Duration.ofNanos(wait));
			}
			long sent = System.nanoTime();
			int status;
			long length;
			try {
				HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				status = response.statusCode();
				length = response.body().length;
			}
			catch (IOException ex) {
				status = -1;
				length = 0;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long done = System.nanoTime();
			if (i < warmup) {
				continue;
			}
			if (status != 200) {
				errors++;
			}
			bytes += length;
			latencies[recorded] = (done - Math.min(due, sent)) / 1e6;
			services[recorded] = (done - sent) / 1e6;
			recorded++;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(uri.getPath(), recorded, errors, Arrays.copyOf(latencies, recorded),
				Arrays.copyOf(services, recorded), (recorded > 0) ? bytes / recorded : 0, seconds);
	}

	/**
	 * The measured requests of one run.
	 *
	 * @param path the URL path
	 * @param requests requests recorded
	 * @param errors recorded requests that failed or did not answer 200
	 * @param latencyMs per request, from when it was due to the last byte
	 * @param serviceMs per request, from sending to the last byte
	 * @param meanBytes mean response body size
	 * @param seconds wall time of the run, warm-up included
	 */
	record Result(String path, int requests, int errors, double[] latencyMs, double[] serviceMs, long meanBytes,
			double seconds) {

		double latencyPercentile(double p) {
			return Stats.percentile(this.latencyMs, p);
		}

		double servicePercentile(double p) {
			return Stats.percentile(this.serviceMs, p);
		}

	}

}
