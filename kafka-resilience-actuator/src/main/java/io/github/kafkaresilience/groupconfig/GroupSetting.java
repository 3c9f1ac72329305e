package io.github.kafkaresilience.groupconfig;

/**
 * One setting the broker applies to a consumer-protocol group, and where its value comes
 * from.
 *
 * @param valueMs the value, in milliseconds
 * @param source where it comes from
 * @author kafka-resilience
 */
public record GroupSetting(long valueMs, Source source) {

	/**
	 * Where a group setting's value comes from.
	 */
	public enum Source {

		/**
		 * Set for this group ({@code kafka-configs --entity-type groups}, or by
		 * kafka-resilience when asked to).
		 */
		GROUP("group config"),

		/**
		 * Nothing set for the group: the broker's {@code group.consumer.*} default.
		 */
		BROKER_DEFAULT("broker default");

		private final String label;

		Source(String label) {
			this.label = label;
		}

		/**
		 * Human-readable name, as in the startup report.
		 * @return the label
		 */
		public String label() {
			return this.label;
		}

	}

}
