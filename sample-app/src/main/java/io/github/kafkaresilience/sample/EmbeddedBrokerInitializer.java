package io.github.kafkaresilience.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.utils.Exit;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts an embedded single-node KRaft broker before the context refreshes when no
 * {@code spring.kafka.bootstrap-servers} is configured, and points
 * {@code spring.kafka.bootstrap-servers} at it. The broker is a disposable singleton
 * registered before every other bean, so it is destroyed last: after the listener
 * containers have stopped and committed, and after the producer and admin clients have
 * closed. Registered in this module's {@code META-INF/spring.factories}.
 */
public class EmbeddedBrokerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	private static final Log logger = LogFactory.getLog(EmbeddedBrokerInitializer.class);

	/**
	 * Broker settings for a responsive demo: no initial rebalance delay, and one-second
	 * heartbeats should a user switch to {@code group.protocol=consumer}.
	 */
	private static final Map<String, String> BROKER_PROPERTIES = Map.of("group.initial.rebalance.delay.ms", "0",
			"group.consumer.heartbeat.interval.ms", "1000", "group.consumer.min.heartbeat.interval.ms", "1000",
			"offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
			"transaction.state.log.min.isr", "1");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (Binder.get(environment).bind(BOOTSTRAP_SERVERS, Bindable.listOf(String.class)).isBound()) {
			return;
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(BROKER_PROPERTIES);
		// The test kit publishes the address as the system property
		// spring.kafka.bootstrap-servers by default: a second context in this JVM (a
		// test, a devtools restart) would then connect to this broker, or to it after it
		// stopped, instead of starting its own.
		broker.brokerListProperty("sample.embedded-broker.bootstrap-servers");
		// Kafka's test kit deletes its data directories in JVM shutdown hooks, which run
		// alongside Spring's and pull the files from under the broker while it is still
		// running. Take those clean-ups over and run them once the broker has stopped.
		List<Runnable> cleanups = new CopyOnWriteArrayList<>();
		Exit.setShutdownHookAdder((name, cleanup) -> cleanups.add(cleanup));
		try {
			broker.afterPropertiesSet();
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
		String bootstrapServers = broker.getBrokersAsString();
		logger.info("Started an embedded Kafka broker (KRaft) at " + bootstrapServers
				+ "; run with --spring.kafka.bootstrap-servers=host:port to use a real cluster instead");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedKafkaBroker", Map.of(BOOTSTRAP_SERVERS, bootstrapServers)));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(EmbeddedKafkaBroker.BEAN_NAME, broker);
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(EmbeddedKafkaBroker.BEAN_NAME, () -> {
			broker.destroy();
			cleanups.forEach(Runnable::run);
			logger.info("Stopped the embedded Kafka broker");
		});
	}

}
