package io.github.kafkaresilience.benchmarks.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import io.github.kafkaresilience.benchmarks.analysis.Gaps.Gap;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Progress;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the consumption of runs as a PNG, one JFreeChart panel per run stacked
 * vertically: a lane per partition, a tick per 100 ms in which a record was first
 * consumed (coloured by instance), gaps longer than 1 s shaded red, dashed lines where
 * the driver stopped or killed an instance, dotted ones where it was healthy again.
 * {@code plot.sh RUN_DIR RUN_DIR... OUT.png}.
 *
 * @author kafka-resilience
 */
public final class ConsumptionPlot {

	static final int WIDTH = 1400;

	static final int PANEL_HEIGHT = 330;

	static final int LEGEND_HEIGHT = 36;

	private static final long BUCKET_MS = 100;

	private static final int PARTITIONS = 12;

	private static final Color GAP = new Color(255, 0, 0, 70);

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
			new Color(0x7f7f7f) };

	private ConsumptionPlot() {
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		if (args.length < 2) {
			System.err.println("Usage: plot.sh RUN_DIR RUN_DIR... OUT.png");
			System.exit(2);
		}
		List<RunAnalysis> runs = new ArrayList<>();
		for (int i = 0; i < args.length - 1; i++) {
			runs.add(RunAnalysis.read(Path.of(args[i])));
		}
		Path out = Path.of(args[args.length - 1]);
		Files.createDirectories(out.toAbsolutePath().getParent());
		ImageIO.write(draw(runs), "png", out.toFile());
		System.out.println("Wrote " + out);
	}

	static BufferedImage draw(List<RunAnalysis> runs) {
		List<String> instances = new ArrayList<>(new TreeSet<>(runs.stream()
			.flatMap((run) -> run.progressByPartition().values().stream().flatMap(List::stream))
			.map(Progress::instance)
			.toList()));
		double seconds = Math.ceil(Math.max(1, runs.stream().mapToDouble(ConsumptionPlot::endSeconds).max().orElse(0)));
		BufferedImage image = new BufferedImage(WIDTH, LEGEND_HEIGHT + runs.size() * PANEL_HEIGHT,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		for (int i = 0; i < runs.size(); i++) {
			// The first panel holds the legend above its plot.
			int top = (i == 0) ? 0 : LEGEND_HEIGHT + i * PANEL_HEIGHT;
			chart(runs.get(i), instances, seconds, i == 0).draw(g,
					new Rectangle2D.Double(0, top, WIDTH, PANEL_HEIGHT + ((i == 0) ? LEGEND_HEIGHT : 0)));
		}
		g.dispose();
		return image;
	}

	private static double endSeconds(RunAnalysis run) {
		return (run.progressByPartition()
			.values()
			.stream()
			.flatMap(List::stream)
			.mapToLong(Progress::consumedAtMs)
			.max()
			.orElse(run.zeroMs()) - run.zeroMs()) / 1000.0;
	}

	private static JFreeChart chart(RunAnalysis run, List<String> instances, double seconds, boolean legend) {
		XYSeriesCollection ticks = new XYSeriesCollection();
		instances.forEach((instance) -> ticks.addSeries(new XYSeries(instance, false, true)));
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		NumberAxis time = new NumberAxis("seconds since production started");
		time.setRange(0, seconds);
		time.setTickUnit(new NumberTickUnit((seconds > 60) ? 10 : 5));
		SymbolAxis lanes = new SymbolAxis(null,
				IntStream.range(0, PARTITIONS).mapToObj((p) -> "p" + p).toArray(String[]::new));
		lanes.setInverted(true);
		XYPlot plot = new XYPlot(ticks, time, lanes, renderer);
		long zero = run.zeroMs();
		run.progressByPartition().forEach((partition, progress) -> {
			Map<Long, String> buckets = new TreeMap<>();
			progress.forEach((p) -> buckets.putIfAbsent((p.consumedAtMs() - zero) / BUCKET_MS, p.instance()));
			buckets.forEach((bucket, instance) -> ticks.getSeries(instance)
				.add((bucket * BUCKET_MS + BUCKET_MS / 2) / 1000.0, partition));
			for (Gap gap : Gaps.of(progress)) {
				if (gap.lengthMs() > 1000) {
					// y1 above y0 on the inverted lane axis, or the box has a negative
					// height.
					renderer.addAnnotation(new XYBoxAnnotation((gap.startMs() - zero) / 1000.0, partition + 0.5,
							(gap.endMs() - zero) / 1000.0, partition - 0.5, null, null, GAP), Layer.BACKGROUND);
				}
			}
		});
		long stop = run.eventTime(Type.PRODUCTION_STOPPED).orElse(Long.MAX_VALUE);
		for (RunEvent event : run.events()) {
			boolean healthy = event.type() == Type.INSTANCE_HEALTHY;
			boolean killed = event.type() == Type.INSTANCE_KILLED;
			if (event.atMs() < stop && (healthy || killed || event.type() == Type.SIGTERM_SENT)) {
				ValueMarker marker = new ValueMarker((event.atMs() - zero) / 1000.0,
						healthy ? Color.GRAY : killed ? Color.RED.darker() : Color.BLACK,
						new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
								healthy ? new float[] { 2, 3 } : new float[] { 6, 4 }, 0));
				marker.setLabel(healthy ? null : event.instance() + (killed ? " KILL" : " SIGTERM"));
				marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
				marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
				plot.addDomainMarker(marker);
			}
		}
		LegendItemCollection items = new LegendItemCollection();
		for (int i = 0; i < instances.size(); i++) {
			renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
			renderer.setSeriesShape(i, new Line2D.Double(0, -8, 0, 8));
			items.add(new LegendItem(instances.get(i), PALETTE[i % PALETTE.length]));
		}
		renderer.setDefaultShapesFilled(false);
		renderer.setDefaultOutlineStroke(new BasicStroke(1.5f));
		items.add(new LegendItem("partition gap > 1 s", GAP));
		items.add(new LegendItem("dashed: instance sent SIGTERM (red: KILL); dotted: instance healthy again",
				Color.BLACK));
		plot.setFixedLegendItems(items);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(new Color(225, 225, 225));
		JFreeChart chart = new JFreeChart(run.title(), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, legend);
		chart.setBackgroundPaint(Color.WHITE);
		if (legend) {
			chart.getLegend().setPosition(RectangleEdge.TOP);
		}
		return chart;
	}

}
