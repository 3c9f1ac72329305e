package io.github.kafkaresilience.benchmarks.analysis;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumptionPlotTests {

	@TempDir
	Path temp;

	@Test
	void writesOnePanelPerRun() throws IOException {
		System.setProperty("java.awt.headless", "true");
		Path plain = run("20260101-000000-plain-i2-d4");
		Path starter = run("20260101-000100-starter-i2-d4");
		Path out = this.temp.resolve("images/plot.png");
		ConsumptionPlot.main(new String[] { plain.toString(), starter.toString(), out.toString() });
		assertThat(out).isRegularFile();
		BufferedImage image = ImageIO.read(out.toFile());
		assertThat(image.getWidth()).isEqualTo(ConsumptionPlot.WIDTH);
		assertThat(image.getHeight()).isEqualTo(ConsumptionPlot.LEGEND_HEIGHT + 2 * ConsumptionPlot.PANEL_HEIGHT);
		assertThat(RunAnalysis.read(plain).title()).startsWith("plain, 2 instances, 4 ms/record");
		// app-2's 2 s stall is shaded: light red, nowhere else in a plot of these
		// colours.
		long shaded = 0;
		for (int x = 0; x < image.getWidth(); x++) {
			for (int y = ConsumptionPlot.LEGEND_HEIGHT + 60; y < image.getHeight(); y++) {
				int rgb = image.getRGB(x, y);
				shaded += ((rgb >> 16 & 0xff) > 240 && (rgb >> 8 & 0xff) < 200 && (rgb & 0xff) < 200
						&& Math.abs((rgb >> 8 & 0xff) - (rgb & 0xff)) < 12) ? 1 : 0;
			}
		}
		assertThat(shaded).isGreaterThan(1000);
	}

	// Two instances over 12 partitions, a record per partition every 50 ms for 10 s;
	// app-2 is stopped at 4 s and its partitions stall for 2 s.
	private Path run(String name) throws IOException {
		Path directory = Files.createDirectories(this.temp.resolve(name));
		Files.write(directory.resolve("run.properties"),
				List.of("scenario=" + name.split("-")[2], "instances=2", "processingMs=4", "group=bench"),
				StandardCharsets.UTF_8);
		Files.write(directory.resolve("produced.csv"), List.of(Produced.CSV_HEADER), StandardCharsets.UTF_8);
		long zero = 1_000_000;
		Files.write(directory.resolve("events.csv"), List.of(RunEvent.CSV_HEADER, zero + ",PRODUCTION_STARTED,,",
				(zero + 4000) + ",SIGTERM_SENT,app-2,pid 1", (zero + 6000) + ",INSTANCE_HEALTHY,app-2,incarnation 1",
				(zero + 10000) + ",PRODUCTION_STOPPED,,"), StandardCharsets.UTF_8);
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		for (int partition = 0; partition < 12; partition++) {
			String instance = (partition < 6) ? "app-1" : "app-2";
			for (int offset = 0; offset < 200; offset++) {
				long produced = zero + offset * 50L;
				long consumed = produced + 5;
				if (instance.equals("app-2") && produced >= zero + 4000 && produced < zero + 6000) {
					consumed = zero + 6000 + offset;
				}
				String line = instance + "," + partition + "," + offset + ",k" + partition + "-" + offset + ","
						+ produced + "," + consumed;
				(instance.equals("app-1") ? first : second).add(line);
			}
		}
		Files.write(directory.resolve("consumed-app-1-0.csv"), first, StandardCharsets.UTF_8);
		Files.write(directory.resolve("consumed-app-2-0.csv"), second, StandardCharsets.UTF_8);
		return directory;
	}

}
