package io.github.kafkaresilience.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * GET requests to a test application started with {@link ConsumerApp#startWeb}. Each
 * request has a 2 s client timeout: the endpoints answer from a snapshot, so a slower
 * answer fails the test.
 */
final class Http {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private Http() {
	}

	static Response get(ConfigurableApplicationContext app, String path) {
		String port = app.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (HttpTimeoutException ex) {
			// An assertion, not an I/O failure: inside an await a slow answer on a loaded
			// machine is retried; outside one it still fails the test.
			throw new AssertionError("GET " + path + " did not answer within 2 s", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(ConfigurableApplicationContext app, String path) {
		return get(app, path).json();
	}

	record Response(int status, String body) {

		JsonNode json() {
			return this.body.isEmpty() ? json.createObjectNode() : json.readTree(this.body);
		}

	}

}
