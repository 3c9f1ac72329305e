package io.github.kafkaresilience.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.kafkaresilience.metrics.KafkaConsumersMeterBinder;
import io.github.kafkaresilience.signals.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keeps the operations assets honest: every metric name that the Prometheus alert rules
 * ({@code docs/prometheus/alerts.yml}) and the Grafana dashboard
 * ({@code docs/grafana/kafka-consumers.json}) query is present in the Prometheus scrape
 * of a real application on a real broker. A renamed meter fails here instead of leaving
 * an alert that can never fire. Every alert's runbook link must also lead to a section of
 * {@code docs/operations.md}.
 */
class OperationsAssetsMetricNamesTests extends EmbeddedBrokerTests {

	private static final Path ALERTS = Path.of("../docs/prometheus/alerts.yml");

	private static final Path DASHBOARD = Path.of("../docs/grafana/kafka-consumers.json");

	private static final Path OPERATIONS = Path.of("../docs/operations.md");

	/**
	 * A metric name in PromQL: an identifier of ours or of the Kafka client metrics
	 * Spring Boot binds, not preceded by another identifier character.
	 */
	private static final Pattern METRIC = Pattern
		.compile("(?<![A-Za-z0-9_:])(?:kafka_resilience_|kafka_consumer_)\\w*");

	private static final String[] SETTINGS = { "kafka.resilience.signals.refresh-interval=500ms",
			"kafka.resilience.signals.window=4s", "kafka.resilience.static-membership.mode=never",
			"kafka.resilience.shutdown.timeout=5s", "kafka.resilience.metrics.per-partition=true" };

	private Set<String> scraped;

	private ConfigurableApplicationContext app;

	private String group;

	@BeforeAll
	void scrapeAnApplicationThatRebalanced() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "ops-" + topic;
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, group, SETTINGS);
		this.app = app;
		this.group = group;
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.produce(topic, 0, 10, "value");
		this.kafka.produce(topic, 1, 10, "value");
		// A second member makes the first give up a partition and get an assignment back:
		// the rebalance-duration timer is registered only at such a rebalance.
		this.kafka.start(topic, group, SETTINGS);
		this.kafka.awaitStableMembers(group, 2);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(metricNames(scrape(app)))
				.contains("kafka_resilience_group_rebalance_duration_seconds_count", "kafka_resilience_partition_lag"));
		this.scraped = metricNames(scrape(app));
	}

	@Test
	void aSecondRegistryGetsEveryGroupAndPartitionMeterToo() {
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.app.getBean(KafkaConsumersMeterBinder.class).bindTo(second);
		assertThat(second.find("kafka.resilience.group.lag").tag("group", this.group).gauge()).isNotNull();
		assertThat(second.find("kafka.resilience.group.status").tag("group", this.group).gauges())
			.hasSize(Verdict.values().length);
		assertThat(second.find("kafka.resilience.partition.lag").tag("group", this.group).gauges()).hasSize(2)
			.allSatisfy((gauge) -> assertThat(gauge.value()).isNotNaN());
		assertThat(second.find("kafka.resilience.group.rebalances").tag("group", this.group).functionCounter())
			.isNotNull();
	}

	@Test
	void everyMetricInTheAlertRulesIsExported() throws IOException {
		List<String> expressions = alertExpressions();
		assertThat(expressions).isNotEmpty();
		for (String expression : expressions) {
			assertThat(referencedMetrics(expression)).as(expression).isNotEmpty();
		}
		assertExported(referencedMetrics(String.join("\n", expressions)));
	}

	@Test
	void everyMetricInTheDashboardIsExported() throws IOException {
		List<String> expressions = dashboardQueries();
		assertThat(expressions).isNotEmpty();
		assertExported(referencedMetrics(String.join("\n", expressions)));
	}

	@Test
	void everyRunbookLinkPointsAtASectionOfTheOperationsGuide() throws IOException {
		Set<String> anchors = new TreeSet<>();
		boolean code = false;
		for (String line : Files.readAllLines(OPERATIONS, StandardCharsets.UTF_8)) {
			code ^= line.startsWith("```");
			if (!code && line.startsWith("#")) {
				anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
			}
		}
		List<String> links = alertRules().stream().map(OperationsAssetsMetricNamesTests::runbookUrl).toList();
		String guide = repositoryUrl() + "/blob/main/docs/operations.md#";
		assertThat(links).isNotEmpty().allSatisfy((link) -> {
			assertThat(link).startsWith(guide);
			assertThat(anchors).contains(link.substring(link.indexOf('#') + 1));
		});
	}

	// The POM's project.repository.url is the one place the repository's address is
	// chosen; alert rules and docs cannot read it, so they are held to it here.
	@Test
	void everyLinkToTheRepositoryUsesThePomsRepositoryUrl() throws IOException {
		String url = repositoryUrl();
		Pattern repositoryLink = Pattern.compile("https://github\\.com/[\\w.-]+/[\\w.-]+");
		List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
		try (Stream<Path> docs = Files.walk(Path.of("../docs"))) {
			docs.filter(Files::isRegularFile)
				.filter((file) -> file.toString().matches(".*\\.(md|yml|json)$"))
				.forEach(files::add);
		}
		List<String> found = new ArrayList<>();
		for (Path file : files) {
			Matcher matcher = repositoryLink.matcher(Files.readString(file, StandardCharsets.UTF_8));
			while (matcher.find()) {
				found.add(file + ": " + matcher.group());
			}
		}
		assertThat(found).isNotEmpty().allSatisfy((link) -> assertThat(link).endsWith(": " + url));
	}

	private static String repositoryUrl() throws IOException {
		Matcher matcher = Pattern.compile("<project\\.repository\\.url>([^<]+)</project\\.repository\\.url>")
			.matcher(Files.readString(Path.of("../pom.xml"), StandardCharsets.UTF_8));
		assertThat(matcher.find()).as("project.repository.url in the root POM").isTrue();
		return matcher.group(1);
	}

	private void assertExported(Set<String> referenced) {
		assertThat(referenced).isNotEmpty();
		assertThat(referenced).allSatisfy(
				(name) -> assertThat(exported(name)).as("%s is exported (scrape has %s)", name, this.scraped).isTrue());
	}

	/**
	 * Whether a name that PromQL may query is in the scrape: a sample name as it is, or
	 * the family name of a timer ({@code _count}, {@code _sum}, {@code _max}), which is
	 * not itself a series.
	 */
	private boolean exported(String name) {
		return this.scraped.contains(name) || this.scraped.contains(name + "_count");
	}

	private static List<String> alertExpressions() throws IOException {
		return alertRules().stream().map((rule) -> (String) rule.get("expr")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alertRules() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(ALERTS, StandardCharsets.UTF_8));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static String runbookUrl(Map<String, Object> rule) {
		return (String) ((Map<String, Object>) rule.get("annotations")).get("runbook_url");
	}

	/**
	 * The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces
	 * as dashes.
	 */
	private static String anchor(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
	}

	/**
	 * Every panel target's {@code expr}, and the template variables' queries.
	 */
	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
		List<String> queries = new ArrayList<>();
		for (JsonNode expr : dashboard.findValues("expr")) {
			queries.add(expr.asString());
		}
		for (JsonNode variable : dashboard.at("/templating/list")) {
			if ("query".equals(variable.at("/type").asString())) {
				queries.add(variable.at("/definition").asString());
				JsonNode query = variable.at("/query");
				queries.add(query.isObject() ? query.at("/query").asString() : query.asString());
			}
		}
		return queries;
	}

	private static Set<String> referencedMetrics(String promql) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC.matcher(promql);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/**
	 * Sample names of a scrape in the Prometheus text format.
	 */
	private static Set<String> metricNames(String scrape) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				int end = line.indexOf('{');
				names.add(line.substring(0, (end >= 0) ? end : line.indexOf(' ')));
			}
		}
		return names;
	}

	private static String scrape(ConfigurableApplicationContext app) {
		Http.Response response = Http.get(app, "/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

}
