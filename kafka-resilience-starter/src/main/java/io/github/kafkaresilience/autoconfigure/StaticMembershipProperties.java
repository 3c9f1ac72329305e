package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import io.github.kafkaresilience.membership.InstanceIds;
import io.github.kafkaresilience.membership.StaticMembershipMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Static group membership (group.instance.id, KIP-345).
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.static-membership")
public class StaticMembershipProperties extends SelfValidatingProperties {

	/**
	 * When to give consumers a group.instance.id: 'auto' where the host identity survives
	 * a restart (an explicit instance id or a StatefulSet pod, and a Deployment pod's
	 * name for a container restarted in place, where a graceful stop leaves the group),
	 * 'always', or 'never'.
	 */
	private StaticMembershipMode mode = StaticMembershipMode.AUTO;

	/**
	 * Identity of this application instance, used instead of POD_NAME or HOSTNAME. Each
	 * listener appends its id, and each concurrent consumer a -n suffix, so every
	 * consumer gets a distinct group.instance.id.
	 */
	private String instanceId;

	/**
	 * How long a restart of this application usually takes. A static member's session
	 * timeout should outlast it; the startup report warns when it does not.
	 */
	private Duration expectedRestartTime = Duration.ofSeconds(30);

	/**
	 * Whether a consumer refused because the broker still holds its group.instance.id for
	 * a member that never left (a pod killed and restarted under the same name, with
	 * group.protocol=consumer) removes that member and joins at once. When off, it tries
	 * again every 5 s until the broker releases the id when the member's session expires.
	 */
	private boolean reclaimHeldId = true;

	public StaticMembershipMode getMode() {
		return this.mode;
	}

	public void setMode(StaticMembershipMode mode) {
		this.mode = mode;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getExpectedRestartTime() {
		return this.expectedRestartTime;
	}

	public void setExpectedRestartTime(Duration expectedRestartTime) {
		this.expectedRestartTime = expectedRestartTime;
	}

	public boolean isReclaimHeldId() {
		return this.reclaimHeldId;
	}

	public void setReclaimHeldId(boolean reclaimHeldId) {
		this.reclaimHeldId = reclaimHeldId;
	}

	@Override
	void check(Errors errors) {
		String id = getInstanceId();
		if (id != null && !InstanceIds.isLegal(id)) {
			PropertyChecks.reject(errors, "instanceId", "is invalid: " + InstanceIds.whyIllegal(id));
		}
		PropertyChecks.positive(errors, "expectedRestartTime", getExpectedRestartTime(), "30s");
	}

}
