package io.github.kafkaresilience.integration;

import java.time.Duration;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners on two clusters in one application: each group's signals come from the
 * cluster it consumes from, and one cluster going away leaves the other's signals intact.
 * Before, the second cluster's group was looked up on the first and read OK with no
 * members.
 */
class SeveralClustersTests extends EmbeddedBrokerTests {

	private EmbeddedKafkaKraftBroker second;

	@AfterEach
	void stopSecondBroker() {
		if (this.second != null) {
			this.second.destroy();
			this.second = null;
		}
	}

	@Test
	void eachGroupIsReadOnItsOwnClusterAndAnOutageStaysThere() {
		this.second = new EmbeddedKafkaKraftBroker(1, 1);
		this.second.brokerProperties(BrokerSettings.FAST_GROUPS);
		this.second.brokerListProperty(BrokerSettings.BROKER_LIST_PROPERTY + ".second");
		this.second.afterPropertiesSet();
		KafkaTestSupport other = new KafkaTestSupport(this.second.getBrokersAsString());
		try {
			String orders = this.kafka.topic(2);
			String payments = other.topic(6);
			this.kafka.produce(orders, 0, 10, "value");
			other.produce(payments, 3, 7, "value");
			ConfigurableApplicationContext app = ConsumerApp.start(TwoClusterApp.class, this.kafka.bootstrapServers(),
					"app.topic=" + orders, "app.group=orders-" + orders, "app.second-topic=" + payments,
					"app.second-group=payments-" + payments,
					"app.second-bootstrap-servers=" + this.second.getBrokersAsString(),
					"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
					"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s",
					"spring.kafka.consumer.auto-offset-reset=earliest");
			try {
				ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
				await().atMost(Duration.ofSeconds(40))
					.pollInterval(Duration.ofMillis(250))
					.ignoreExceptions()
					.untilAsserted(() -> {
						SignalsSnapshot snapshot = collector.snapshot();
						assertThat(snapshot.error()).isNull();
						GroupSignals paymentsGroup = snapshot.group("payments-" + payments).orElseThrow();
						assertThat(paymentsGroup.membership().members()).isEqualTo(1);
						assertThat(paymentsGroup.membership().partitions()).isEqualTo(6);
						assertThat(paymentsGroup.lag().partitions()).filteredOn((p) -> p.partition() == 3)
							.singleElement()
							.satisfies((p) -> assertThat(p.committedOffset()).isEqualTo(7));
						assertThat(paymentsGroup.status()).isEqualTo(Verdict.OK);
						GroupSignals ordersGroup = snapshot.group("orders-" + orders).orElseThrow();
						assertThat(ordersGroup.membership().partitions()).isEqualTo(2);
						assertThat(ordersGroup.lag().total()).isZero();
						assertThat(ordersGroup.status()).isEqualTo(Verdict.OK);
					});

				this.second.destroy();
				this.second = null;
				this.kafka.produce(orders, 1, 5, "value");
				await().atMost(Duration.ofSeconds(40))
					.pollInterval(Duration.ofMillis(250))
					.ignoreExceptions()
					.untilAsserted(() -> {
						SignalsSnapshot snapshot = collector.snapshot();
						assertThat(snapshot.error()).isNotNull();
						GroupSignals paymentsGroup = snapshot.group("payments-" + payments).orElseThrow();
						assertThat(paymentsGroup.status()).isEqualTo(Verdict.UNKNOWN);
						assertThat(paymentsGroup.diagnosis()).startsWith("Broker unreachable");
						GroupSignals ordersGroup = snapshot.group("orders-" + orders).orElseThrow();
						assertThat(ordersGroup.status()).isEqualTo(Verdict.OK);
						assertThat(ordersGroup.lag().partitions()).filteredOn((p) -> p.partition() == 1)
							.singleElement()
							.satisfies((p) -> assertThat(p.committedOffset()).isEqualTo(5));
					});
			}
			finally {
				app.close();
			}
		}
		finally {
			other.close();
		}
	}

}
