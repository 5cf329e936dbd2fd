package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes a DATEX II MeasuredDataPublication, version 2 ({@code measuredValue}) or 3 ({@code
 * physicalQuantity}), into one reading per {@code siteMeasurements}. Elements are matched by local
 * name, so the v2 default namespace and the v3 prefixes read alike.
 *
 * <p>Per site: flow = the sum of its {@code vehicleFlowRate} values (lanes and vehicle classes add
 * up), speed = the mean of its lanes' {@code averageVehicleSpeed} weighted by each lane's flow,
 * lanes without vehicles left out ({@link LaneSpeeds} says how lanes are told apart and what a lane
 * without a flow does), occupancy = the mean of its {@code occupancy} percentages (an empty lane's
 * 0 % is a true share of time). A value flagged {@code dataError=true}, or that is not a finite
 * decimal from 0 to the reading's bound ({@link CounterReading#MAX_FLOW_VEH_H}, {@link
 * CounterReading#MAX_SPEED_KMH}, {@link CounterReading#MAX_OCCUPANCY_PCT}), is rejected as {@link
 * RejectReason#INVALID_VALUE} and makes that measure unknown ({@code null}) for the site, since a
 * sum or mean without it would be wrong; so does a {@code measurementTimeDefault} not within years
 * 1970–9999 for the whole site. A site gives at most one such rejection per measure, naming the
 * first problem and how many values were rejected, so a site of a million flagged values is three
 * dead letters, not a million. A site left with no measure is rejected as {@link
 * RejectReason#MISSING_FIELD}. Entity numbers in sources are the 1-based index of the site in the
 * document. A counter CSV handed to this decoder is one {@link RejectReason#WRONG_KIND} rejection
 * naming its format.
 *
 * <p>The parser has DTDs and external entities disabled: a document declaring or using one is
 * rejected as malformed, never resolved.
 */
public final class Datex2Decoder implements FeedDecoder<CounterReading> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<Decoded<CounterReading>> decode(FeedSnapshot snapshot) {
    List<Decoded<CounterReading>> out = new ArrayList<>();
    int sites = 0;
    try {
      XMLStreamReader xml =
          secureFactory().createXMLStreamReader(new ByteArrayInputStream(snapshot.payload()));
      boolean measuredData = false;
      Site site = null;
      Measure measure = null;
      String quantityType = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw new XMLStreamException("DTDs are not accepted");
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          if (event == XMLStreamConstants.END_ELEMENT) {
            String name = xml.getLocalName();
            if (name.equals("siteMeasurements") && site != null) {
              out.addAll(site.finish());
              site = null;
            } else if (name.equals("basicData")) {
              quantityType = null;
              measure = null;
            }
          }
          continue;
        }
        String name = xml.getLocalName();
        switch (name) {
          case "payloadPublication", "payload" ->
              measuredData |= localType(xml).equals("MeasuredDataPublication");
          case "siteMeasurements" -> {
            sites++;
            site = new Site(snapshot.source().atLine(sites));
          }
          case "measurementSiteReference" -> {
            if (site != null) {
              site.id = xml.getAttributeValue(null, "id");
            }
          }
          case "measurementTimeDefault" -> {
            if (site != null) {
              site.time = xml.getElementText().trim();
            }
          }
          case "basicData" -> quantityType = localType(xml);
          case "vehicleFlow", "averageVehicleSpeed", "occupancy" -> {
            if (site != null && quantityType != null) {
              measure = Measure.valueOf(name);
              site.starts(measure);
            }
          }
          case "dataError" -> {
            if (site != null && measure != null && xml.getElementText().trim().equals("true")) {
              site.error(measure);
            }
          }
          case "vehicleFlowRate", "speed", "percentage" -> {
            if (site != null && measure != null) {
              site.value(measure, xml.getElementText().trim());
              measure = null;
            }
          }
          default -> {}
        }
      }
      if (!measuredData) {
        out.add(documentRejection(snapshot, "not a DATEX II MeasuredDataPublication"));
      }
    } catch (XMLStreamException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      String detail = "XML: " + Require.shortened(message.replaceAll("\\s+", " "));
      out.add(
          sites == 0
              ? documentRejection(snapshot, detail)
              : Decoded.rejected(snapshot.source().atLine(sites), RejectReason.MALFORMED, detail));
    }
    return out;
  }

  /** A document that is no MeasuredDataPublication: WRONG_KIND if it is a counter CSV. */
  private static Decoded<CounterReading> documentRejection(FeedSnapshot snapshot, String detail) {
    FeedKind detected = CounterKinds.detect(snapshot.payload());
    return detected != null && detected != FeedKind.COUNTER_DATEX2
        ? Decoded.rejected(
            snapshot.source(),
            RejectReason.WRONG_KIND,
            "the document is " + detected + ", not " + FeedKind.COUNTER_DATEX2)
        : Decoded.rejected(snapshot.source(), RejectReason.MALFORMED, detail);
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory;
  }

  /** The local part of an {@code xsi:type} ("roa:TrafficFlow" → "TrafficFlow"), or "". */
  private static String localType(XMLStreamReader xml) {
    String type = xml.getAttributeValue(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type");
    if (type == null) {
      return "";
    }
    return type.substring(type.indexOf(':') + 1);
  }

  /** The three measures a counter reading carries, by their DATEX II element, with their bound. */
  private enum Measure {
    vehicleFlow(CounterReading.MAX_FLOW_VEH_H),
    averageVehicleSpeed(CounterReading.MAX_SPEED_KMH),
    occupancy(CounterReading.MAX_OCCUPANCY_PCT);

    final double max;

    Measure(double max) {
      this.max = max;
    }
  }

  /** One siteMeasurements being read. */
  private static final class Site {
    final SourceRef source;
    final double[] sum = new double[3];
    final int[] count = new int[3];
    final int[] rejected = new int[3];
    final String[] firstProblem = new String[3];
    final LaneSpeeds lanes = new LaneSpeeds();
    String id;
    String time;
    boolean flagged; // the measure being read was flagged dataError: its value is not read

    Site(SourceRef source) {
      this.source = source;
    }

    String name() {
      return "site " + Require.quoted(id);
    }

    void starts(Measure measure) {
      flagged = false;
      switch (measure) {
        case vehicleFlow -> lanes.flowStarts();
        case averageVehicleSpeed -> lanes.speedStarts();
        default -> {}
      }
    }

    void error(Measure measure) {
      fail(measure, measure + " flagged dataError");
      flagged = true;
    }

    void value(Measure measure, String text) {
      if (flagged) {
        return;
      }
      double value;
      try {
        value = CounterValues.number(text, measure.name());
      } catch (RowRejected e) {
        fail(measure, e.getMessage());
        return;
      }
      if (!(value >= 0 && value <= measure.max)) {
        fail(measure, measure + " " + value + " is outside [0, " + measure.max + "]");
        return;
      }
      sum[measure.ordinal()] += value;
      count[measure.ordinal()]++;
      switch (measure) {
        case vehicleFlow -> lanes.flow(value);
        case averageVehicleSpeed -> lanes.speed(value);
        default -> {}
      }
    }

    private void fail(Measure measure, String problem) {
      if (rejected[measure.ordinal()]++ == 0) {
        firstProblem[measure.ordinal()] = problem;
      }
      if (measure != Measure.occupancy) {
        lanes.unknown(measure == Measure.vehicleFlow);
      }
    }

    /**
     * One rejection per measure with rejected values: the first problem and how many there were.
     */
    private List<Decoded<CounterReading>> rejections() {
      List<Decoded<CounterReading>> out = new ArrayList<>();
      for (Measure measure : Measure.values()) {
        int n = rejected[measure.ordinal()];
        if (n > 0) {
          String more = n == 1 ? "" : " (" + n + " values of " + measure + " rejected)";
          out.add(
              Decoded.rejected(
                  source,
                  RejectReason.INVALID_VALUE,
                  name() + ": " + firstProblem[measure.ordinal()] + more));
        }
      }
      return out;
    }

    List<Decoded<CounterReading>> finish() {
      List<Decoded<CounterReading>> out = rejections();
      if (id == null || id.isBlank()) {
        out.add(
            Decoded.rejected(source, RejectReason.MISSING_FIELD, "no measurementSiteReference"));
        return out;
      }
      if (time == null) {
        out.add(
            Decoded.rejected(
                source, RejectReason.MISSING_FIELD, name() + ": no measurementTimeDefault"));
        return out;
      }
      Instant observedAt;
      try {
        observedAt = CounterValues.time(time, CounterValues.ISO_OFFSET, "measurementTimeDefault");
      } catch (RowRejected e) {
        out.add(Decoded.rejected(source, e.reason(), name() + ": " + e.getMessage()));
        return out;
      }
      Double flow = known(Measure.vehicleFlow) ? sum[Measure.vehicleFlow.ordinal()] : null;
      Double speed = known(Measure.averageVehicleSpeed) ? lanes.siteSpeed() : null;
      Double occupancy =
          known(Measure.occupancy)
              ? sum[Measure.occupancy.ordinal()] / count[Measure.occupancy.ordinal()]
              : null;
      if (flow == null && speed == null && occupancy == null) {
        out.add(
            Decoded.rejected(source, RejectReason.MISSING_FIELD, name() + ": no valid measure"));
        return out;
      }
      try {
        out.add(
            Decoded.ok(source, new CounterReading(id, observedAt, flow, occupancy, speed, null)));
      } catch (IllegalArgumentException e) {
        out.add(Decoded.rejected(source, RejectReason.INVALID_VALUE, e.getMessage()));
      }
      return out;
    }

    private boolean known(Measure measure) {
      return rejected[measure.ordinal()] == 0 && count[measure.ordinal()] > 0;
    }
  }
}
