package io.github.kafkaresilience.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.github.kafkaresilience.defaults.ConsumerDefaults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} in step with the configuration metadata that IDEs
 * show: every {@code kafka.resilience.*} property has a row in its "Property reference"
 * section, with the same default.
 * <p>
 * A row is {@code | `name` | type | default | description |}. A default written in
 * backticks is a value; anything else (such as "unset" or "global value") means the
 * property has none.
 */
class ConfigurationDocumentationTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Path DOCUMENT = Path.of("../docs/configuration.md");

	private static final String PREFIX = "kafka.resilience.";

	private static final String LISTENERS = PREFIX + "listeners";

	private static final String LISTENER = LISTENERS + ".<listener-id>.";

	private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

	private static List<Map<String, Object>> properties;

	private static Map<String, Row> rows;

	@BeforeAll
	static void load() throws IOException {
		properties = metadataProperties();
		rows = propertyReferenceRows(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
	}

	@Test
	void everyPropertyIsDocumented() {
		assertThat(properties).isNotEmpty();
		for (Map<String, Object> property : properties) {
			String name = name(property);
			if (isMap(property)) {
				assertThat(rows.keySet()).as("rows for the entries of %s", name)
					.anyMatch((row) -> row.startsWith(name + ".<"));
			}
			else {
				assertThat(rows.keySet()).as("rows in %s", DOCUMENT).contains(name);
			}
		}
	}

	@Test
	void everyDocumentedPropertyExists() {
		List<String> known = new ArrayList<>(properties.stream().map(ConfigurationDocumentationTests::name).toList());
		known.addAll(perListenerDefaults().keySet());
		List<String> maps = properties.stream()
			.filter(ConfigurationDocumentationTests::isMap)
			.map(ConfigurationDocumentationTests::name)
			.toList();
		List<String> documented = rows.keySet()
			.stream()
			.filter((row) -> maps.stream().noneMatch((map) -> row.startsWith(map + ".<")))
			.toList();
		assertThat(documented).as("documented properties").isSubsetOf(known);
	}

	@Test
	void documentedDefaultsMatchMetadata() {
		for (Map<String, Object> property : properties) {
			if (!isMap(property)) {
				assertThat(rows.get(name(property)).defaultValue()).as("documented default of %s", name(property))
					.isEqualTo(render(property.get("defaultValue")));
			}
		}
	}

	@Test
	void everyPropertyHasADescription() {
		for (Map<String, Object> property : properties) {
			assertThat((String) property.get("description")).as("metadata description of %s", name(property))
				.isNotBlank();
		}
		rows.forEach(
				(name, row) -> assertThat(row.description()).as("documented description of %s", name).isNotBlank());
	}

	@Test
	void everyPerListenerOverrideIsDocumentedWithItsDefault() {
		perListenerDefaults().forEach((name, defaultValue) -> {
			assertThat(rows.keySet()).as("rows in %s", DOCUMENT).contains(name);
			assertThat(rows.get(name).defaultValue()).as("documented default of %s", name).isEqualTo(defaultValue);
		});
	}

	@Test
	void everyConsumerDefaultCanBeOverriddenPerListener() {
		List<String> global = properties.stream()
			.map(ConfigurationDocumentationTests::name)
			.filter((name) -> name.startsWith(PREFIX + "consumer."))
			.map((name) -> name.substring((PREFIX + "consumer.").length()))
			.toList();
		List<String> perListener = perListenerDefaults().keySet()
			.stream()
			.filter((name) -> name.startsWith(LISTENER + "consumer."))
			.map((name) -> name.substring((LISTENER + "consumer.").length()))
			.toList();
		assertThat(perListener).containsExactlyInAnyOrderElementsOf(global);
	}

	// The global consumer section's fields are optional (a listener's section reuses
	// them), so its IDE defaults are written by hand: they must be the values applied.
	@Test
	void consumerDefaultsInTheMetadataAreTheOnesApplied() {
		Map<String, String> applied = new LinkedHashMap<>();
		ConsumerDefaults defaults = ConsumerDefaults.DEFAULTS;
		applied.put("partition-assignment-strategy", render(defaults.partitionAssignmentStrategy()));
		applied.put("assignor-migration", defaults.assignorMigration().name().toLowerCase().replace('_', '-'));
		applied.put("session-timeout", null);
		applied.put("heartbeat-interval", defaults.heartbeatInterval().toMillis() + "ms");
		applied.put("max-poll-interval", defaults.maxPollInterval().toMinutes() + "m");
		applied.put("max-poll-records", render(defaults.maxPollRecords()));
		applied.put("enable-auto-commit", render(defaults.enableAutoCommit()));
		applied.put("fix-tx-offsets", render(defaults.fixTxOffsets()));
		Map<String, String> documented = new LinkedHashMap<>();
		properties.stream()
			.filter((property) -> name(property).startsWith(PREFIX + "consumer."))
			.forEach((property) -> documented.put(name(property).substring((PREFIX + "consumer.").length()),
					render(property.get("defaultValue"))));
		assertThat(documented).containsExactlyInAnyOrderEntriesOf(applied);
		assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
		assertThat(defaults.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	private static List<Map<String, Object>> metadataProperties() throws IOException {
		// Boot's own modules ship the same resource: read only the one next to our
		// classes.
		String root = KafkaResilienceProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		List<Map<String, Object>> found = new ArrayList<>();
		for (URL url : Collections
			.list(ConfigurationDocumentationTests.class.getClassLoader().getResources(METADATA))) {
			if (url.toString().contains(root)) {
				try (InputStream in = url.openStream()) {
					// JsonPath rather than Boot's JsonParserFactory: without Jackson 3 or
					// Gson that falls back to BasicJsonParser, which cannot read
					// non-string values such as "defaultValue": false.
					List<Map<String, Object>> all = JsonPath.parse(in).read("$.properties");
					found.addAll(all);
				}
			}
		}
		assertThat(found).as("properties in %s under %s", METADATA, root).isNotEmpty();
		// Keys Spring Boot's conventions own (management.health.kafkaconsumers.enabled)
		// are documented in prose.
		assertThat(found).extracting(ConfigurationDocumentationTests::name)
			.allMatch((name) -> name.startsWith(PREFIX) || name.startsWith("management."));
		return found.stream().filter((property) -> name(property).startsWith(PREFIX)).toList();
	}

	private static Map<String, Row> propertyReferenceRows(String document) {
		Map<String, Row> found = new LinkedHashMap<>();
		boolean inReference = false;
		for (String line : document.split("\\R")) {
			if (line.startsWith("## ")) {
				inReference = line.equals("## Property reference");
				continue;
			}
			if (!inReference || !line.startsWith("| `" + PREFIX)) {
				continue;
			}
			// Split on the column separators, not on escaped pipes inside a cell.
			String[] cells = line.substring(1).split("(?<!\\\\)\\|");
			assertThat(cells).as("cells of %s", line).hasSizeGreaterThanOrEqualTo(4);
			String name = literal(cells[0]);
			assertThat(found).as("rows for %s", name).doesNotContainKey(name);
			found.put(name, new Row(literal(cells[2]), cells[3].trim()));
		}
		return found;
	}

	// Per-listener keys from ListenerProperties itself, with the defaults a fresh
	// instance has (unset means "fall back to the global value").
	private static Map<String, String> perListenerDefaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		collect(new ListenerProperties(), LISTENER, defaults);
		return defaults;
	}

	private static void collect(Object bean, String prefix, Map<String, String> defaults) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + kebab(descriptor.getName());
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (descriptor.getWriteMethod() == null && value != null) {
				collect(value, name + ".", defaults);
			}
			else {
				defaults.put(name, render(value));
			}
		}
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

	private static String name(Map<String, Object> property) {
		return (String) property.get("name");
	}

	private static boolean isMap(Map<String, Object> property) {
		return ((String) property.get("type")).startsWith("java.util.Map<");
	}

	private static String literal(String cell) {
		Matcher matcher = LITERAL.matcher(cell);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String render(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return String.valueOf(value);
	}

	private record Row(String defaultValue, String description) {

	}

}
