package io.github.kafkaresilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Reads the running sample application over HTTP, as a user or a monitoring system would.
 */
final class SampleAppClient {

	static final String GROUP = "order-processing";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	SampleAppClient(int port) {
		this.port = port;
	}

	/**
	 * The order group as {@code /actuator/kafkaconsumers} shows it.
	 */
	JsonNode group() {
		for (JsonNode group : get("/actuator/kafkaconsumers").body().get("groups")) {
			if (GROUP.equals(group.get("groupId").asString())) {
				return group;
			}
		}
		throw new AssertionError("No group " + GROUP + " in /actuator/kafkaconsumers yet");
	}

	JsonNode awaitGroup(Predicate<JsonNode> condition) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> condition.test(group()));
		return group();
	}

	JsonNode awaitStatus(String status) {
		return awaitGroup((group) -> status.equals(group.get("status").asString()));
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	Response post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
			return new Response(response.statusCode(), isJson ? json.readTree(body) : json.createObjectNode());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	record Response(int status, JsonNode body) {

	}

}
