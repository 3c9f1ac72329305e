package io.github.kafkaresilience.benchmarks.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.github.kafkaresilience.benchmarks.analysis.Gaps.Gap;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Progress;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;

/**
 * Draws the consumption of two or more runs as a PNG, one panel per run stacked
 * vertically: one lane per partition, a tick per 100 ms bucket in which a record was
 * first consumed (coloured by instance), gaps longer than 1 s shaded red and dashed lines
 * where the driver stopped or killed an instance.
 * <p>
 * Usage: {@code ConsumptionPlot RUN_DIR RUN_DIR... OUT.png}; runs headless.
 *
 * @author kafka-resilience
 */
public final class ConsumptionPlot {

	/**
	 * Width of the image in pixels.
	 */
	public static final int WIDTH = 1400;

	/**
	 * Height of one run's panel in pixels.
	 */
	public static final int PANEL_HEIGHT = 330;

	/**
	 * Height of the legend strip at the top of the image.
	 */
	public static final int LEGEND_HEIGHT = 36;

	static final long BUCKET_MS = 100;

	static final long GAP_MS = 1000;

	private static final int PARTITIONS = 12;

	private static final int LEFT = 60;

	private static final int RIGHT = 20;

	private static final int TOP = 34;

	private static final int BOTTOM = 40;

	private static final Pattern RUN_NAME = Pattern.compile("(?:\\d+-\\d+-)?(.+)-i(\\d+)-d(\\d+)");

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
			new Color(0x7f7f7f) };

	private ConsumptionPlot() {
	}

	/**
	 * Entry point.
	 * @param args two or more run directories followed by the output PNG path
	 * @throws IOException if a run cannot be read or the image cannot be written
	 */
	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		if (args.length < 3) {
			System.err.println("Usage: ConsumptionPlot RUN_DIR RUN_DIR... OUT.png");
			System.exit(2);
		}
		List<Path> runs = new ArrayList<>();
		for (int i = 0; i < args.length - 1; i++) {
			runs.add(Path.of(args[i]));
		}
		Path out = Path.of(args[args.length - 1]);
		write(runs, out);
		System.out.println("Wrote " + out);
	}

	/**
	 * Read the runs and write their plot.
	 * @param runDirectories the run directories, one panel each, top to bottom
	 * @param out the PNG to write
	 * @throws IOException if a run cannot be read or the image cannot be written
	 */
	public static void write(List<Path> runDirectories, Path out) throws IOException {
		List<Run> runs = new ArrayList<>();
		for (Path directory : runDirectories) {
			runs.add(Run.read(directory));
		}
		BufferedImage image = draw(runs);
		Path parent = out.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		ImageIO.write(image, "png", out.toFile());
	}

	static BufferedImage draw(List<Run> runs) {
		int height = LEGEND_HEIGHT + runs.size() * PANEL_HEIGHT;
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, height);
			Set<String> instances = new TreeSet<>();
			long endMs = 1000;
			for (Run run : runs) {
				run.consumed().forEach((record) -> instances.add(record.instance()));
				endMs = Math.max(endMs, run.endMs());
			}
			Map<String, Color> colors = new HashMap<>();
			int index = 0;
			for (String instance : instances) {
				colors.put(instance, PALETTE[index++ % PALETTE.length]);
			}
			drawLegend(g, colors);
			double seconds = Math.ceil(endMs / 1000.0);
			for (int i = 0; i < runs.size(); i++) {
				drawPanel(g, runs.get(i), LEGEND_HEIGHT + i * PANEL_HEIGHT, seconds, colors);
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private static void drawLegend(Graphics2D g, Map<String, Color> colors) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		int x = LEFT;
		int y = 22;
		for (Map.Entry<String, Color> entry : new TreeMap<>(colors).entrySet()) {
			g.setColor(entry.getValue());
			g.fillRect(x, y - 10, 14, 12);
			g.setColor(Color.BLACK);
			g.drawString(entry.getKey(), x + 18, y);
			x += 30 + g.getFontMetrics().stringWidth(entry.getKey());
		}
		g.setColor(new Color(255, 0, 0, 70));
		g.fillRect(x, y - 10, 14, 12);
		g.setColor(Color.BLACK);
		String gap = "partition gap > 1 s";
		g.drawString(gap, x + 18, y);
		x += 30 + g.getFontMetrics().stringWidth(gap);
		g.setStroke(dashed());
		g.drawLine(x, y - 12, x, y + 2);
		g.setStroke(new BasicStroke(1));
		g.drawString("instance sent SIGTERM (KILL if forced); dotted: instance healthy again", x + 8, y);
	}

	private static void drawPanel(Graphics2D g, Run run, int top, double seconds, Map<String, Color> colors) {
		int plotTop = top + TOP;
		int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
		int plotWidth = WIDTH - LEFT - RIGHT;
		double laneHeight = plotHeight / (double) PARTITIONS;
		double pixelsPerMs = plotWidth / (seconds * 1000);

		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString(run.title(), LEFT, top + 22);

		// Axes, lanes and second grid.
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int p = 0; p < PARTITIONS; p++) {
			int y = (int) Math.round(plotTop + p * laneHeight);
			if (p % 2 == 1) {
				g.setColor(new Color(245, 245, 245));
				g.fillRect(LEFT, y, plotWidth, (int) Math.ceil(laneHeight));
			}
			g.setColor(Color.DARK_GRAY);
			g.drawString("p" + p, LEFT - 28, (int) (y + laneHeight / 2 + 4));
		}
		int step = (seconds > 60) ? 10 : 5;
		for (int s = 0; s <= seconds; s++) {
			int x = (int) Math.round(LEFT + s * 1000 * pixelsPerMs);
			if (s % step == 0) {
				g.setColor(new Color(225, 225, 225));
				g.drawLine(x, plotTop, x, plotTop + plotHeight);
				g.setColor(Color.DARK_GRAY);
				g.drawLine(x, plotTop + plotHeight, x, plotTop + plotHeight + 5);
				String label = Integer.toString(s);
				g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotTop + plotHeight + 18);
			}
		}
		g.drawString("seconds since production started", LEFT + plotWidth / 2 - 90, plotTop + plotHeight + 34);

		// Gaps, then ticks.
		Map<Integer, List<Consumed>> byPartition = run.firstConsumptions();
		for (Map.Entry<Integer, List<Consumed>> entry : byPartition.entrySet()) {
			int partition = entry.getKey();
			if (partition < 0 || partition >= PARTITIONS) {
				continue;
			}
			int laneTop = (int) Math.round(plotTop + partition * laneHeight);
			int laneBottom = (int) Math.round(plotTop + (partition + 1) * laneHeight);
			List<Progress> progress = entry.getValue()
				.stream()
				.map((record) -> new Progress(record.producedAtMs(), record.consumedAtMs(), record.instance()))
				.toList();
			g.setColor(new Color(255, 0, 0, 70));
			for (Gap gap : Gaps.of(progress)) {
				if (gap.lengthMs() > GAP_MS) {
					int x1 = (int) Math.round(LEFT + (gap.startMs() - run.zeroMs()) * pixelsPerMs);
					int x2 = (int) Math.round(LEFT + (gap.endMs() - run.zeroMs()) * pixelsPerMs);
					g.fillRect(x1, laneTop, Math.max(1, x2 - x1), laneBottom - laneTop);
				}
			}
			Map<Long, String> buckets = new TreeMap<>();
			for (Consumed record : entry.getValue()) {
				buckets.putIfAbsent((record.consumedAtMs() - run.zeroMs()) / BUCKET_MS, record.instance());
			}
			g.setStroke(new BasicStroke(1.5f));
			for (Map.Entry<Long, String> bucket : buckets.entrySet()) {
				int x = (int) Math.round(LEFT + (bucket.getKey() * BUCKET_MS + BUCKET_MS / 2) * pixelsPerMs);
				if (x < LEFT || x > LEFT + plotWidth) {
					continue;
				}
				g.setColor(colors.getOrDefault(bucket.getValue(), Color.BLACK));
				g.drawLine(x, laneTop + 2, x, laneBottom - 2);
			}
			g.setStroke(new BasicStroke(1));
		}

		// Driver events.
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		int labelRow = 0;
		for (RunEvent event : run.markers()) {
			int x = (int) Math.round(LEFT + (event.atMs() - run.zeroMs()) * pixelsPerMs);
			boolean healthy = event.type() == Type.INSTANCE_HEALTHY;
			g.setColor(
					healthy ? Color.GRAY : (event.type() == Type.INSTANCE_KILLED) ? Color.RED.darker() : Color.BLACK);
			g.setStroke(healthy ? dotted() : dashed());
			g.drawLine(x, plotTop - 4, x, plotTop + plotHeight);
			g.setStroke(new BasicStroke(1));
			if (!healthy) {
				String label = event.instance() + ((event.type() == Type.INSTANCE_KILLED) ? " KILL" : " SIGTERM");
				g.drawString(label, x + 3, plotTop + 9 + (labelRow++ % 2) * 11);
			}
		}
		g.setColor(Color.DARK_GRAY);
		g.drawRect(LEFT, plotTop, plotWidth, plotHeight);
	}

	private static Stroke dashed() {
		return new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0);
	}

	private static Stroke dotted() {
		return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 2, 3 }, 0);
	}

	/**
	 * What the plot needs from one run directory.
	 *
	 * @param title the panel title
	 * @param zeroMs when production started
	 * @param events the driver's events
	 * @param consumed every consumption
	 */
	record Run(String title, long zeroMs, List<RunEvent> events, List<Consumed> consumed) {

		static Run read(Path directory) throws IOException {
			RunFiles files = new RunFiles(directory);
			List<RunEvent> events = new ArrayList<>();
			for (String line : Files.readAllLines(files.events(), StandardCharsets.UTF_8)) {
				if (!line.isBlank() && !line.equals(RunEvent.CSV_HEADER)) {
					try {
						events.add(RunEvent.parse(line));
					}
					catch (RuntimeException ex) {
						// partial or unknown line: skip
					}
				}
			}
			List<Consumed> consumed = new ArrayList<>();
			try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, RunFiles.CONSUMED_PREFIX + "*.csv")) {
				for (Path log : logs) {
					try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
						lines.filter((line) -> !line.isBlank()).forEach((line) -> {
							try {
								consumed.add(Consumed.parse(line));
							}
							catch (RuntimeException ex) {
								// a process stopped mid-write: skip the partial line
							}
						});
					}
				}
			}
			long zero = events.stream()
				.filter((event) -> event.type() == Type.PRODUCTION_STARTED)
				.mapToLong(RunEvent::atMs)
				.findFirst()
				.orElseGet(() -> consumed.stream().mapToLong(Consumed::producedAtMs).min().orElse(0));
			return new Run(title(directory), zero, events, consumed);
		}

		static String title(Path directory) throws IOException {
			String name = directory.toAbsolutePath().normalize().getFileName().toString();
			String scenario = null;
			String instances = null;
			String processingMs = null;
			Matcher matcher = RUN_NAME.matcher(name);
			if (matcher.matches()) {
				scenario = matcher.group(1);
				instances = matcher.group(2);
				processingMs = matcher.group(3);
			}
			Path settingsFile = new RunFiles(directory).settings();
			if (Files.exists(settingsFile)) {
				Properties settings = new Properties();
				try (Reader reader = Files.newBufferedReader(settingsFile, StandardCharsets.UTF_8)) {
					settings.load(reader);
				}
				scenario = settings.getProperty("scenario", scenario);
				instances = settings.getProperty("instances", instances);
				processingMs = settings.getProperty("processingMs", processingMs);
			}
			if (scenario == null) {
				return name;
			}
			return scenario + ", " + instances + " instances, " + processingMs + " ms/record   (" + name + ")";
		}

		/**
		 * The first consumption of each offset, per partition, in consumption order.
		 */
		Map<Integer, List<Consumed>> firstConsumptions() {
			Map<String, Consumed> first = new HashMap<>();
			for (Consumed record : this.consumed) {
				first.merge(record.partition() + "/" + record.offset(), record,
						(a, b) -> (a.consumedAtMs() <= b.consumedAtMs()) ? a : b);
			}
			Map<Integer, List<Consumed>> byPartition = new TreeMap<>();
			first.values()
				.forEach((record) -> byPartition.computeIfAbsent(record.partition(), (p) -> new ArrayList<>())
					.add(record));
			byPartition.values()
				.forEach((records) -> records.sort((a, b) -> Long.compare(a.consumedAtMs(), b.consumedAtMs())));
			return byPartition;
		}

		/**
		 * The restarts and kills to mark, up to when production stopped.
		 */
		List<RunEvent> markers() {
			long stop = this.events.stream()
				.filter((event) -> event.type() == Type.PRODUCTION_STOPPED)
				.mapToLong(RunEvent::atMs)
				.findFirst()
				.orElse(Long.MAX_VALUE);
			return this.events.stream()
				.filter((event) -> event.atMs() < stop)
				.filter((event) -> event.type() == Type.SIGTERM_SENT || event.type() == Type.INSTANCE_KILLED
						|| event.type() == Type.INSTANCE_HEALTHY)
				.toList();
		}

		/**
		 * The end of the x axis, relative to {@link #zeroMs()}.
		 */
		long endMs() {
			long last = this.consumed.stream().mapToLong(Consumed::consumedAtMs).max().orElse(this.zeroMs);
			return last - this.zeroMs;
		}

	}

}
