package io.mobiflow.app.demo;

import io.mobiflow.geodata.locate.Zone;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A choropleth map of one indicator over zones, as a standalone SVG: zones filled by five
 * equal-interval classes between the smallest and largest value (grey: no data), each labelled with
 * its id and carrying its name and value as a tooltip, with a legend. Longitudes are scaled by the
 * cosine of the middle latitude (an equirectangular view, right for a city).
 */
public final class ChoroplethSvg {

  /** Light to dark, one colour per class (ColorBrewer "Blues", 5 classes). */
  static final String[] CLASS_COLOURS = {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"};

  /** The fill of a zone without a value. */
  static final String NO_DATA = "#d9d9d9";

  private static final int WIDTH = 760;
  private static final int MAX_HEIGHT = 720;
  private static final int MARGIN = 20;
  private static final int LEGEND = 170;

  private ChoroplethSvg() {}

  /**
   * @param title the map's title
   * @param format the values' format in tooltips and the legend, e.g. {@code "%.0f %%"}
   * @param values the value per zone id; zones absent or null are "no data"
   */
  public static String render(
      String title, String format, List<Zone> zones, Map<String, Double> values) {
    Envelope bounds = new Envelope();
    zones.forEach(zone -> bounds.expandToInclude(zone.geometry().getEnvelopeInternal()));
    double xScale = Math.cos(Math.toRadians(bounds.centre().y));
    double scale =
        Math.min(
            (WIDTH - 2.0 * MARGIN) / (bounds.getWidth() * xScale),
            (MAX_HEIGHT - 2.0 * MARGIN) / bounds.getHeight());
    int mapHeight = (int) Math.ceil(bounds.getHeight() * scale) + 2 * MARGIN;
    int mapWidth = Math.max(400, (int) Math.ceil(bounds.getWidth() * xScale * scale) + 2 * MARGIN);
    Projection project =
        c ->
            new double[] {
              MARGIN + (c.x - bounds.getMinX()) * xScale * scale,
              MARGIN + 30 + (bounds.getMaxY() - c.y) * scale
            };
    double min = values.values().stream().filter(v -> v != null).min(Double::compare).orElse(0.0);
    double max = values.values().stream().filter(v -> v != null).max(Double::compare).orElse(0.0);

    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n",
            Math.max(mapWidth + LEGEND, MARGIN + 9 * title.length()), // room for the title
            mapHeight + 30));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append("<text x=\"")
        .append(MARGIN)
        .append("\" y=\"24\" font-size=\"16\">")
        .append(escape(title))
        .append("</text>\n");
    for (Zone zone : zones) {
      Double value = values.get(zone.id());
      String fill = value == null ? NO_DATA : CLASS_COLOURS[classOf(value, min, max)];
      svg.append("<path class=\"zone\" id=\"zone-")
          .append(escape(zone.id()))
          .append("\" fill=\"")
          .append(fill)
          .append("\" stroke=\"#555\" stroke-width=\"0.7\" fill-rule=\"evenodd\" d=\"")
          .append(path(zone.geometry(), project))
          .append("\"><title>")
          .append(escape(zone.id() + " " + zone.name() + ": "))
          .append(value == null ? "no data" : escape(String.format(Locale.ROOT, format, value)))
          .append("</title></path>\n");
      Point label = zone.geometry().getInteriorPoint();
      double[] at = project.apply(label.getCoordinate());
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
              at[0],
              at[1],
              value != null && classOf(value, min, max) >= 3 ? "white" : "#222",
              escape(zone.id())));
    }
    legend(svg, format, min, max, mapWidth);
    return svg.append("</svg>\n").toString();
  }

  /** The class 0..4 of a value among five equal intervals of [min, max]. */
  static int classOf(double value, double min, double max) {
    if (max <= min) {
      return CLASS_COLOURS.length - 1;
    }
    int k = (int) ((value - min) / (max - min) * CLASS_COLOURS.length);
    return Math.min(CLASS_COLOURS.length - 1, Math.max(0, k));
  }

  private static void legend(StringBuilder svg, String format, double min, double max, int x) {
    double step = (max - min) / CLASS_COLOURS.length;
    for (int k = 0; k < CLASS_COLOURS.length; k++) {
      int y = 50 + 22 * (CLASS_COLOURS.length - 1 - k);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"18\" height=\"18\" fill=\"%s\" stroke=\"#555\"/>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s – %s</text>%n",
              x,
              y,
              CLASS_COLOURS[k],
              x + 24,
              y + 13,
              escape(String.format(Locale.ROOT, format, min + k * step)),
              escape(String.format(Locale.ROOT, format, min + (k + 1) * step))));
    }
    int y = 50 + 22 * CLASS_COLOURS.length;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"18\" fill=\"%s\" stroke=\"#555\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">no data</text>%n",
            x,
            y,
            NO_DATA,
            x + 24,
            y + 13));
  }

  private static String path(Geometry geometry, Projection project) {
    StringBuilder d = new StringBuilder();
    for (int g = 0; g < geometry.getNumGeometries(); g++) {
      if (geometry.getGeometryN(g) instanceof Polygon polygon) {
        ring(d, polygon.getExteriorRing(), project);
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          ring(d, polygon.getInteriorRingN(h), project);
        }
      }
    }
    return d.toString().trim();
  }

  private static void ring(StringBuilder d, LineString ring, Projection project) {
    Coordinate[] coordinates = ring.getCoordinates();
    for (int i = 0; i < coordinates.length; i++) {
      double[] p = project.apply(coordinates[i]);
      d.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", p[0], p[1]));
    }
    d.append("Z ");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private interface Projection {
    double[] apply(Coordinate c);
  }
}
