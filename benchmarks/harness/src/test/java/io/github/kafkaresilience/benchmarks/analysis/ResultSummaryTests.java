package io.github.kafkaresilience.benchmarks.analysis;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResultSummaryTests {

	private static final String HEADER = RunResult.csvHeader();

	@Test
	void summarisesRepeatedRunsOfACellWithMedianAndWorst() {
		List<String> lines = List.of(HEADER, row("20261121-140000-a", "plain", 3, 12000, 3300, 0, 1500),
				row("20261121-140100-b", "plain", 3, 30000, 4300, 1, 2500),
				row("20261121-140200-c", "plain", 3, 20000, 2000, 0, 1000),
				row("20261121-140300-d", "starter", 3, 0, 700, 0, 280));
		String table = ResultSummary.markdown(ResultSummary.parse(lines, ""));
		assertThat(table.lines()).hasSize(4);
		assertThat(table).contains(
				"| plain | 3 | 1 | 4 | 200 | 0 | 3 | 6 | 0.0 | 20.0 (12.0–30.0) | 4.3 | 0.8 | 1500 | 1 | 0 | – |");
		assertThat(table)
			.contains("| starter | 3 | 1 | 4 | 200 | 0 | 1 | 6 | 0.0 | 0.0 (0.0–0.0) | 0.7 | 0.8 | 280 | 0 | 0 | – |");
	}

	@Test
	void keepsRunsFromThePrefixOnAndSkipsRepeatedHeaders() {
		List<String> lines = List.of(HEADER, row("20261121-130000-a", "plain", 3, 12000, 3300, 0, 1500), HEADER,
				row("20261121-150000-b", "plain", 6, 5000, 3000, 0, 400));
		List<Map<String, String>> rows = ResultSummary.parse(lines, "20261121-14");
		assertThat(rows).singleElement().satisfies((row) -> assertThat(row).containsEntry("instances", "6"));
	}

	@Test
	void burstRunsAreTheirOwnCellWithTheirDrainTime() {
		RunResult burst = new RunResult("20261121-150000-e", "plain", 3, 1, 20, 100, 4000, 0, 4000, 0, 0, 0, 3, 0, 200,
				6000, 6, 6, 3, 0, 0, 90000, 30000, 800, 300, 2, 30000, 31000, 1000, 3000, 41500);
		List<String> lines = List.of(HEADER, row("20261121-140000-a", "plain", 3, 12000, 3300, 0, 1500),
				burst.csvRow());
		String table = ResultSummary.markdown(ResultSummary.parse(lines, ""));
		assertThat(table.lines()).hasSize(4);
		assertThat(table).contains("| plain | 3 | 1 | 20 | 100 | 3000 | 1 |").endsWith("| 41.5 |\n");
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		List<Map<String, String>> runs = List.of(Map.of("v", "1"), Map.of("v", "4"), Map.of("v", "2"),
				Map.of("v", "100"));
		assertThat(ResultSummary.median(runs, (row) -> Long.parseLong(row.get("v")))).isEqualTo(3);
	}

	@Test
	void rejectsARowThatDoesNotMatchItsHeader() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResultSummary.parse(List.of(HEADER, "x,y"), ""))
			.withMessageContaining("x,y");
	}

	private static String row(String run, String scenario, int instances, long stalledMs, long longestMs, long lost,
			long p99) {
		RunResult result = new RunResult(run, scenario, instances, 1, 4, 200, 1000, 0, 1000 - lost, 0, lost, 0, 3, 0,
				200, 6000, 6, 6, 3, 0, 0, stalledMs, longestMs, 800, 300, 2, p99, p99 + 100, 1000, 0, 0);
		return result.csvRow();
	}

}
