package dev.arca.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Two panels against concurrent guests (log scale): flows per second, and p50/p99 latency. */
final class BenchPlot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 380;
    private static final int PANEL = WIDTH / 2;
    private static final int MARGIN = 60;

    private final List<BenchReport.Level> levels;

    BenchPlot(List<BenchReport.Level> levels) {
        this.levels = levels;
    }

    void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double maxRate = levels.stream().mapToDouble(l -> l.result().perSecond()).max().orElse(1);
        double maxLatency = levels.stream().mapToDouble(l -> l.result().percentileMillis(99)).max().orElse(1);
        panel(g, 0, "complete flows per second", maxRate);
        line(g, 0, maxRate, l -> l.result().perSecond(), new Color(0x1f77b4), "flows/s", 0);
        panel(g, PANEL, "latency of a flow, ms", maxLatency);
        line(g, PANEL, maxLatency, l -> l.result().percentileMillis(50), new Color(0x2ca02c), "p50", 0);
        line(g, PANEL, maxLatency, l -> l.result().percentileMillis(99), new Color(0xd62728), "p99", 1);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private void panel(Graphics2D g, int left, String title, double max) {
        g.setColor(Color.BLACK);
        g.drawString(title, left + MARGIN, 20);
        g.drawLine(left + MARGIN, HEIGHT - MARGIN, left + PANEL - 20, HEIGHT - MARGIN);
        g.drawLine(left + MARGIN, 35, left + MARGIN, HEIGHT - MARGIN);
        for (int tick = 0; tick <= 4; tick++) {
            int y = y(max * tick / 4, max);
            g.drawString(String.format("%.0f", max * tick / 4), left + 8, y + 4);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left + MARGIN + 1, y, left + PANEL - 20, y);
            g.setColor(Color.BLACK);
        }
        for (BenchReport.Level level : levels) {
            g.drawString(Integer.toString(level.guests()), x(left, level.guests()) - 4, HEIGHT - MARGIN + 16);
        }
        g.drawString("concurrent guests", left + PANEL / 2 - 40, HEIGHT - 20);
    }

    private void line(Graphics2D g, int left, double max, ToDoubleFunction<BenchReport.Level> value, Color color,
            String label, int legendRow) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int[] previous = null;
        for (BenchReport.Level level : levels) {
            int[] point = {x(left, level.guests()), y(value.applyAsDouble(level), max)};
            g.fillOval(point[0] - 3, point[1] - 3, 6, 6);
            if (previous != null) {
                g.drawLine(previous[0], previous[1], point[0], point[1]);
            }
            previous = point;
        }
        g.drawString(label, left + PANEL - 80, 40 + 16 * legendRow);
        g.setStroke(new BasicStroke(1f));
    }

    private int x(int left, int guests) {
        int maxGuests = levels.stream().mapToInt(BenchReport.Level::guests).max().orElse(1);
        double position = maxGuests == 1 ? 0 : Math.log(guests) / Math.log(maxGuests);
        return left + MARGIN + 15 + (int) (position * (PANEL - MARGIN - 50));
    }

    private static int y(double value, double max) {
        return HEIGHT - MARGIN - (int) (value / Math.max(max, 1e-9) * (HEIGHT - MARGIN - 45));
    }
}
