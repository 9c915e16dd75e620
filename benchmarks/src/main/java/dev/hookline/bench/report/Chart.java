package dev.hookline.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of two line charts over body size: verification time (log-log), and time as a multiple of the
 * raw HMAC baseline of the same scheme. Drawn with Java2D, headless.
 */
final class Chart {

    /** One line: a label, its points by body size, its look. */
    record Series(String label, int[] sizes, double[] values, Color color, boolean dashed, float width) {
    }

    private static final int PANEL_WIDTH = 700;
    private static final int HEIGHT = 520;
    private static final int LEFT = 78;
    private static final int RIGHT = 40;
    private static final int TOP = 56;
    private static final int BOTTOM = 150;

    private Chart() {
    }

    static void render(Path file, String title, List<Series> times, List<Series> ratios) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, 28);

        panel(g, 0, "Time per verification (µs, log scale)", times, true);
        panel(g, PANEL_WIDTH, "Time ÷ raw JDK HMAC of the same scheme (dotted: 1.1×, 1.25×)", ratios, false);
        legend(g, times);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x0, String title, List<Series> series, boolean logY) {
        int plotLeft = x0 + LEFT;
        int plotRight = x0 + PANEL_WIDTH - RIGHT;
        int plotTop = TOP;
        int plotBottom = HEIGHT - BOTTOM;

        double minSize = Double.MAX_VALUE;
        double maxSize = 0;
        double minValue = Double.MAX_VALUE;
        double maxValue = 0;
        for (Series s : series) {
            for (int i = 0; i < s.sizes().length; i++) {
                if (!Double.isFinite(s.values()[i])) {
                    continue;
                }
                minSize = Math.min(minSize, s.sizes()[i]);
                maxSize = Math.max(maxSize, s.sizes()[i]);
                minValue = Math.min(minValue, s.values()[i]);
                maxValue = Math.max(maxValue, s.values()[i]);
            }
        }
        if (maxSize == 0) {
            return;
        }
        double lx0 = Math.log10(minSize);
        double lx1 = Math.log10(maxSize);
        if (lx1 == lx0) {
            lx1 = lx0 + 1;
        }
        double y0;
        double y1;
        if (logY) {
            y0 = Math.floor(Math.log10(minValue));
            y1 = Math.ceil(Math.log10(maxValue));
        } else {
            y0 = 0;
            y1 = Math.ceil(maxValue);
        }

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, plotLeft, plotTop - 10);

        // grid and y labels
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        List<double[]> yTicks = new ArrayList<>();
        if (logY) {
            for (double e = y0; e <= y1 + 1e-9; e++) {
                yTicks.add(new double[] {e, Math.pow(10, e)});
            }
        } else {
            double step = y1 <= 4 ? 0.5 : y1 <= 10 ? 1 : Math.ceil(y1 / 10);
            for (double v = 0; v <= y1 + 1e-9; v += step) {
                yTicks.add(new double[] {v, v});
            }
        }
        for (double[] tick : yTicks) {
            int y = (int) Math.round(plotBottom - (tick[0] - y0) / (y1 - y0) * (plotBottom - plotTop));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(plotLeft, y, plotRight, y);
            g.setColor(Color.DARK_GRAY);
            String label = logY ? number(tick[1]) : String.format(Locale.ROOT, "%.1f×", tick[1]);
            g.drawString(label, plotLeft - 8 - metrics.stringWidth(label), y + 4);
        }
        if (!logY) {
            // the 1.0x line and the targets, dotted
            for (double target : new double[] {1.0, 1.1, 1.25}) {
                int y = (int) Math.round(plotBottom - (target - y0) / (y1 - y0) * (plotBottom - plotTop));
                Stroke saved = g.getStroke();
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
                g.setColor(target == 1.0 ? Color.GRAY : new Color(200, 120, 120));
                g.drawLine(plotLeft, y, plotRight, y);
                g.setStroke(saved);
            }
        }
        int[] xs = series.isEmpty() ? new int[0] : series.get(0).sizes();
        for (int size : xs) {
            int x = (int) Math.round(plotLeft + (Math.log10(size) - lx0) / (lx1 - lx0) * (plotRight - plotLeft));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String label = sizeLabel(size);
            g.drawString(label, x - metrics.stringWidth(label) / 2, plotBottom + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
        g.drawString("body size", (plotLeft + plotRight) / 2 - metrics.stringWidth("body size") / 2, plotBottom + 34);

        for (Series s : series) {
            Path2D path = new Path2D.Double();
            boolean started = false;
            List<int[]> points = new ArrayList<>();
            for (int i = 0; i < s.sizes().length; i++) {
                double value = s.values()[i];
                if (!Double.isFinite(value) || (logY && value <= 0)) {
                    continue;
                }
                double fy = logY ? (Math.log10(value) - y0) / (y1 - y0) : (value - y0) / (y1 - y0);
                double x = plotLeft + (Math.log10(s.sizes()[i]) - lx0) / (lx1 - lx0) * (plotRight - plotLeft);
                double y = plotBottom - fy * (plotBottom - plotTop);
                if (started) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    started = true;
                }
                points.add(new int[] {(int) Math.round(x), (int) Math.round(y)});
            }
            g.setColor(s.color());
            g.setStroke(s.dashed()
                    ? new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
            for (int[] p : points) {
                g.fillOval(p[0] - 3, p[1] - 3, 7, 7);
            }
        }
    }

    private static void legend(Graphics2D g, List<Series> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int columns = 2;
        int columnWidth = 520;
        int x0 = LEFT + 40;
        int y0 = HEIGHT - BOTTOM + 62;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int x = x0 + (i % columns) * columnWidth;
            int y = y0 + (i / columns) * 24;
            g.setColor(s.color());
            g.setStroke(s.dashed()
                    ? new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(s.width()));
            g.drawLine(x, y - 5, x + 40, y - 5);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 50, y);
        }
    }

    static String sizeLabel(int size) {
        return size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
    }

    private static String number(double value) {
        if (value >= 1) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%s", value < 0.01 ? String.format(Locale.ROOT, "%.3f", value)
                : String.format(Locale.ROOT, "%.2f", value));
    }
}
