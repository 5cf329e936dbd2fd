package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.CsvRows;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.counters.model.CounterReading;
import io.mobiflow.connectors.counters.model.CounterSite;
import io.mobiflow.geodata.geom.Wgs84;
import io.mobiflow.geodata.match.RoadSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Decodes the Paris open-data portal's export of permanent counters: {@code ;}-separated UTF-8 with
 * a byte-order mark, French headers, ISO timestamps with offsets, the traffic state as a label
 * ("Fluide", "Pré-saturé", "Saturé", "Bloqué", "Inconnu"), and the arc's geometry as a GeoJSON
 * LineString ({@code geo_shape}) beside its midpoint ({@code geo_point_2d}, "lat, lon"). Rows need
 * not be in time order. {@link #sites} reads the counted arcs with their geometry. A time not
 * within years 1970–9999 or a measure that is not a finite decimal in its range rejects the row as
 * {@link RejectReason#INVALID_VALUE}.
 */
public final class ParisPortalDecoder extends CsvCounterDecoder {

  static final String ARC = "Identifiant arc";
  static final String LABEL = "Libelle";
  static final String TIME = "Date et heure de comptage";
  static final String FLOW = "Débit horaire";
  static final String OCCUPANCY = "Taux d'occupation";
  static final String STATE = "Etat trafic";
  static final String POINT = "geo_point_2d";
  static final String SHAPE = "geo_shape";

  private static final long serialVersionUID = 1L;

  public ParisPortalDecoder() {
    super(FeedKind.COUNTER_PARIS_PORTAL, ';', List.of(ARC, LABEL, TIME, FLOW, OCCUPANCY, STATE));
  }

  @Override
  CounterReading reading(CsvFields row) throws RowRejected {
    String siteId = row.required(ARC);
    Instant time = row.time(TIME, CounterValues.ISO_OFFSET);
    Double flow = row.number(FLOW);
    Double occupancy = row.number(OCCUPANCY);
    if (flow == null && occupancy == null) {
      throw new RowRejected(RejectReason.MISSING_FIELD, FLOW + " and " + OCCUPANCY + " are empty");
    }
    return new CounterReading(
        siteId, time, flow, occupancy, null, ParisTrafficStates.fromLabel(row.text(STATE)));
  }

  /**
   * The counted arcs of the export, once each (first row of each arc), with the midpoint and the
   * arc's LineString; an arc whose geometry cannot be read is rejected at its first row.
   */
  public static List<Decoded<CounterSite>> sites(FeedSnapshot snapshot) {
    CsvRows csv = CsvRows.read(snapshot.payload(), ';');
    Map<String, Integer> columns = csv.columns();
    List<Decoded<CounterSite>> out = new ArrayList<>();
    if (!columns.keySet().containsAll(List.of(ARC, LABEL, POINT, SHAPE))) {
      out.add(
          Decoded.rejected(
              snapshot.source().atLine(1),
              RejectReason.MISSING_FIELD,
              "the header has no " + POINT + " and " + SHAPE + " columns"));
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (CsvRows.Row row : csv.rows()) {
      if (row.fields().size() != csv.header().size()) {
        continue; // reported by decode()
      }
      CsvFields fields = new CsvFields(columns, row.fields());
      String arc = fields.text(ARC);
      if (!arc.isEmpty() && seen.add(arc)) {
        var source = snapshot.source().atLine(row.line());
        try {
          out.add(Decoded.ok(source, site(arc, fields)));
        } catch (RowRejected e) {
          out.add(Decoded.rejected(source, e.reason(), e.getMessage()));
        }
      }
    }
    return out;
  }

  private static CounterSite site(String arc, CsvFields row) throws RowRejected {
    String[] point = row.required(POINT).split(",");
    RoadSegment road;
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(point[0].trim());
      longitude = Double.parseDouble(point[1].trim());
      var geometry = new GeoJsonReader(Wgs84.GEOMETRY_FACTORY).read(row.required(SHAPE));
      if (!(geometry instanceof LineString line)) {
        throw new RowRejected(
            RejectReason.INVALID_VALUE, SHAPE + " is a " + geometry.getGeometryType());
      }
      road = new RoadSegment(arc, line);
    } catch (ParseException | RuntimeException e) {
      throw new RowRejected(
          RejectReason.INVALID_COORDINATE,
          "arc "
              + Require.quoted(arc)
              + " geometry: "
              + Require.shortened(String.valueOf(e.getMessage())));
    }
    try {
      return new CounterSite(arc, row.required(LABEL), latitude, longitude, road);
    } catch (IllegalArgumentException e) {
      throw new RowRejected(RejectReason.INVALID_COORDINATE, e.getMessage());
    }
  }
}
