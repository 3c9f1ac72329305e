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
 * schedule, bounded in count and in time. Latency runs from when a request was due, not
 * from when it was sent, so a slow response that delays the next request shows in that
 * request's latency too (no coordinated omission); sent to last byte is the service time.
 *
 * @author kafka-resilience
 */
final class EndpointLoad {

	private EndpointLoad() {
	}

	/**
	 * Send warm-up requests, then measured ones, at the given rate.
	 * @return what was measured; fewer requests than asked if the time limit was reached
	 */
	static Result run(HttpClient client, URI uri, int ratePerSecond, int warmup, int requests, Duration maxTime) {
		if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
			throw new IllegalArgumentException("Load is only ever sent to loopback, not " + uri);
		}
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
		double[] latencies = new double[requests];
		double[] services = new double[requests];
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
		long start = System.nanoTime();
		long deadline = start + maxTime.toNanos();
		int errors = 0;
		long bytes = 0;
		int recorded = 0;
		for (int i = 0; i < warmup + requests && System.nanoTime() < deadline; i++) {
			long due = start + i * intervalNanos;
			Harness.sleep(Duration.ofNanos(due - System.nanoTime()));
			long sent = System.nanoTime();
			int status = -1;
			long length = 0;
			try {
				HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				status = response.statusCode();
				length = response.body().length;
			}
			catch (IOException ex) {
				// counted as an error
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long done = System.nanoTime();
			if (i >= warmup) {
				errors += (status != 200) ? 1 : 0;
				bytes += length;
				latencies[recorded] = (done - Math.min(due, sent)) / 1e6;
				services[recorded++] = (done - sent) / 1e6;
			}
		}
		return new Result(uri.getPath(), recorded, errors, Arrays.copyOf(latencies, recorded),
				Arrays.copyOf(services, recorded), (recorded > 0) ? bytes / recorded : 0);
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
	 */
	record Result(String path, int requests, int errors, double[] latencyMs, double[] serviceMs, long meanBytes) {

		double latency(double p) {
			return Harness.percentile(this.latencyMs, p);
		}

		String describe() {
			return this.path + ": " + this.requests + " requests, " + this.errors + " errors, p50 "
					+ Harness.format(latency(50), 1) + " ms, p99 " + Harness.format(latency(99), 1) + " ms, max "
					+ Harness.format(latency(100), 1) + " ms, " + this.meanBytes + " bytes";
		}

	}

}
