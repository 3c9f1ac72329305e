package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import io.github.kafkaresilience.signals.GroupScan;
import io.github.kafkaresilience.signals.SignalsSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Background collection of the consumer signals behind the kafkaconsumers endpoint,
 * health and meters.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.signals")
public class SignalsProperties extends SelfValidatingProperties {

	/**
	 * Whether to collect consumer signals (needs spring-boot-starter-actuator).
	 */
	private boolean enabled = true;

	/**
	 * Time between two refreshes from the broker, varied by up to a tenth either way so
	 * that instances started together do not refresh in lockstep. Each refresh makes a
	 * constant number of requests, whatever the number of groups and partitions.
	 */
	private Duration refreshInterval = Duration.ofSeconds(10);

	/**
	 * How far back lag rate and offset progress are judged. Verdicts other than OK need
	 * half of it.
	 */
	private Duration window = Duration.ofSeconds(60);

	/**
	 * Bound on each broker request of a refresh; when the broker does not answer in time,
	 * the verdict is UNKNOWN and the last data is marked stale.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	/**
	 * Records by which a partition's lag must rise (or fall) across the window to count
	 * as falling behind (or catching up); smaller changes read as steady.
	 */
	private long lagGrowthThreshold = 100;

	/**
	 * Share of max.poll.interval.ms after which a poll loop that has not returned counts
	 * as stuck.
	 */
	private double stuckPollRatio = 1.0;

	/**
	 * Share of max.poll.interval.ms that the longest time between polls may reach before
	 * a finding warns.
	 */
	private double pollIntervalWarnRatio = 0.8;

	/**
	 * Rebalances per hour above which a finding reports a rebalance storm.
	 */
	private double rebalanceStormPerHour = 20;

	/**
	 * Which instances of a fleet scan a group's whole picture on every refresh.
	 * 'every-instance': each one, so each answers for the whole group and the broker's
	 * cost grows with the number of instances. 'one-per-group': only the instance that
	 * owns the group's first partition; the others judge their own partitions from their
	 * consumers, without broker requests, scan the group every two refreshes per member,
	 * and publish no group-wide gauges while their view is local.
	 */
	private GroupScan groupScan = GroupScan.EVERY_INSTANCE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public long getLagGrowthThreshold() {
		return this.lagGrowthThreshold;
	}

	public void setLagGrowthThreshold(long lagGrowthThreshold) {
		this.lagGrowthThreshold = lagGrowthThreshold;
	}

	public double getStuckPollRatio() {
		return this.stuckPollRatio;
	}

	public void setStuckPollRatio(double stuckPollRatio) {
		this.stuckPollRatio = stuckPollRatio;
	}

	public double getPollIntervalWarnRatio() {
		return this.pollIntervalWarnRatio;
	}

	public void setPollIntervalWarnRatio(double pollIntervalWarnRatio) {
		this.pollIntervalWarnRatio = pollIntervalWarnRatio;
	}

	public double getRebalanceStormPerHour() {
		return this.rebalanceStormPerHour;
	}

	public void setRebalanceStormPerHour(double rebalanceStormPerHour) {
		this.rebalanceStormPerHour = rebalanceStormPerHour;
	}

	public GroupScan getGroupScan() {
		return this.groupScan;
	}

	public void setGroupScan(GroupScan groupScan) {
		this.groupScan = groupScan;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.positive(errors, "refreshInterval", getRefreshInterval(), "10s");
		PropertyChecks.positive(errors, "window", getWindow(), "60s");
		PropertyChecks.positive(errors, "requestTimeout", getRequestTimeout(), "5s");
		if (!errors.hasErrors() && getWindow().compareTo(getRefreshInterval().multipliedBy(2)) < 0) {
			PropertyChecks.reject(errors, "window",
					"(" + getWindow().toMillis() + " ms) must span at least two refreshes ("
							+ getRefreshInterval().toMillis() + " ms each) to measure a rate. Set it to "
							+ "at least twice " + PropertyChecks.property(errors, "refreshInterval") + ".");
		}
		PropertyChecks.aboveZero(errors, "stuckPollRatio", getStuckPollRatio(), "1.0");
		PropertyChecks.aboveZero(errors, "pollIntervalWarnRatio", getPollIntervalWarnRatio(), "0.8");
		PropertyChecks.atLeast(errors, "lagGrowthThreshold", getLagGrowthThreshold(), 0,
				"Thresholds cannot be negative: set zero or more.");
		PropertyChecks.atLeast(errors, "rebalanceStormPerHour", getRebalanceStormPerHour(), 0,
				"Thresholds cannot be negative: set zero or more.");
	}

	/**
	 * The settings the collector runs with.
	 * @return the settings
	 */
	SignalsSettings toSettings() {
		return new SignalsSettings(this.refreshInterval, this.window, this.requestTimeout, this.lagGrowthThreshold,
				this.stuckPollRatio, this.pollIntervalWarnRatio, this.rebalanceStormPerHour, this.groupScan);
	}

}
