package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import org.apache.kafka.common.TopicPartition;

/**
 * Findings about records rather than consumers: a record that keeps failing, records
 * given up on, records deleted before they were read, records held behind an open
 * transaction. Each names the partitions and the counts.
 *
 * @author kafka-resilience
 */
final class RecordFindings {

	private static final Duration HOUR = Duration.ofHours(1);

	private RecordFindings() {
	}

	static void poisonPills(List<PartitionSignals> partitions, List<Finding> findings) {
		for (PartitionSignals partition : partitions) {
			PartitionFailure failure = partition.failure();
			if (failure != null && partition.status() == Verdict.STUCK) {
				findings.add(new Finding(Severity.ERROR, "poison-pill",
						"Record " + partition.topic() + "-" + partition.partition() + " at offset " + failure.offset()
								+ " failed " + failure.attempts() + " attempts (" + failure.exceptionSimpleName()
								+ ((failure.message() != null) ? ": " + failure.message() : "")
								+ "); the partition does not move past it. Fix the cause, or bound the error "
								+ "handler's retries and recover the record to a dead-letter topic."));
			}
		}
	}

	static void recordsGivenUp(GroupContext context, List<PartitionSignals> partitions, List<Finding> findings) {
		long hourAgo = context.now.minus(HOUR).toEpochMilli();
		List<String> recent = new ArrayList<>();
		long total = 0;
		for (PartitionSignals partition : partitions) {
			var evidence = context.evidence(new TopicPartition(partition.topic(), partition.partition()));
			if (evidence != null && evidence.givenUp() > 0 && evidence.lastGivenUpAt() >= hourAgo) {
				recent.add(partition.topic() + "-" + partition.partition() + ": " + evidence.givenUp());
				total += evidence.givenUp();
			}
		}
		if (!recent.isEmpty()) {
			findings.add(new Finding(Severity.WARN, "records-given-up",
					total + " record(s) failed in the listener and were left behind since start (skipped, or sent to a "
							+ "dead-letter or retry topic by the error handler), the last within the hour: "
							+ String.join(", ", recent)
							+ ". Check the dead-letter topic or the error log for what they were."));
		}
	}

	static void recordsLost(GroupContext context, List<Finding> findings) {
		List<RecordLoss> losses = context.input.losses();
		if (losses.isEmpty()) {
			return;
		}
		long records = losses.stream().mapToLong(RecordLoss::records).sum();
		String where = losses.stream()
			.map((loss) -> Diagnoses.name(loss.partition()) + " offsets " + loss.fromOffset() + "-"
					+ (loss.toOffset() - 1) + (loss.reset() ? " (skipped by this consumer's auto.offset.reset)" : ""))
			.distinct()
			.limit(5)
			.collect(Collectors.joining(", "));
		findings.add(new Finding(Severity.ERROR, "records-lost", records
				+ " records were deleted before the group read them in the last hour (" + where
				+ "): retention, deleteRecords or compaction moved the log start past the committed offset. They are "
				+ "lost to this group. Keep retention.ms well above the group's worst time behind, or alert on lag "
				+ "in time."));
	}

	/**
	 * Under read_committed the consumer stops at the last stable offset: records written
	 * after it by a transaction still open are lag the consumer cannot read, for as long
	 * as the transaction stays open.
	 */
	static void openTransactions(GroupContext context, List<PartitionSignals> partitions, List<Finding> findings) {
		if (!context.readCommitted || !context.enoughData) {
			return;
		}
		List<String> held = new ArrayList<>();
		for (PartitionSignals partition : partitions) {
			TopicPartition tp = new TopicPartition(partition.topic(), partition.partition());
			Long positionLag = context.positionLag(tp);
			if (positionLag != null && positionLag == 0 && partition.lag() > 1 && context.referenceLag(tp) > 1) {
				held.add(partition.topic() + "-" + partition.partition() + " (" + partition.lag() + " records)");
			}
		}
		if (!held.isEmpty()) {
			findings.add(new Finding(Severity.WARN, "open-transaction", "The consumer has read up to the last stable "
					+ "offset, but records behind it wait for a transaction that has been open for at least "
					+ context.trendSpan().toSeconds() + " s: "
					+ String.join(", ", held.subList(0, Math.min(5, held.size())))
					+ ". A read_committed group cannot read past an open transaction; find the producer that left it "
					+ "open (it commits, aborts, or times out after its transaction.timeout.ms)."));
		}
	}

}
