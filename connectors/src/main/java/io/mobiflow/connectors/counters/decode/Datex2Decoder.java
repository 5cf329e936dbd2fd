package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
 * up), speed = the mean of its {@code averageVehicleSpeed} values, occupancy = the mean of its
 * {@code occupancy} percentages. A value flagged {@code dataError=true} is rejected as {@link
 * RejectReason#INVALID_VALUE} and makes that measure unknown ({@code null}) for the site, since a
 * sum or mean without it would be wrong; a site left with no measure is rejected as {@link
 * RejectReason#MISSING_FIELD}. Entity numbers in sources are the 1-based index of the site in the
 * document.
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
        out.add(
            Decoded.rejected(
                snapshot.source(),
                RejectReason.MALFORMED,
                "not a DATEX II MeasuredDataPublication"));
      }
    } catch (XMLStreamException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      out.add(
          Decoded.rejected(
              snapshot.source().atLine(sites == 0 ? -1 : sites),
              RejectReason.MALFORMED,
              "XML: " + message.replaceAll("\\s+", " ")));
    }
    return out;
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

  /** The three measures a counter reading carries, by their DATEX II element. */
  private enum Measure {
    vehicleFlow,
    averageVehicleSpeed,
    occupancy
  }

  /** One siteMeasurements being read. */
  private static final class Site {
    final SourceRef source;
    final List<Decoded<CounterReading>> rejections = new ArrayList<>();
    final double[] sum = new double[3];
    final int[] count = new int[3];
    final boolean[] failed = new boolean[3];
    String id;
    String time;

    Site(SourceRef source) {
      this.source = source;
    }

    void error(Measure measure) {
      failed[measure.ordinal()] = true;
      rejections.add(
          Decoded.rejected(
              source,
              RejectReason.INVALID_VALUE,
              "site " + id + ": " + measure + " flagged dataError"));
    }

    void value(Measure measure, String text) {
      try {
        sum[measure.ordinal()] += Double.parseDouble(text);
        count[measure.ordinal()]++;
      } catch (NumberFormatException e) {
        failed[measure.ordinal()] = true;
        rejections.add(
            Decoded.rejected(
                source,
                RejectReason.INVALID_VALUE,
                "site " + id + ": " + measure + " '" + text + "' is not a number"));
      }
    }

    List<Decoded<CounterReading>> finish() {
      List<Decoded<CounterReading>> out = new ArrayList<>(rejections);
      if (id == null || id.isBlank()) {
        out.add(
            Decoded.rejected(source, RejectReason.MISSING_FIELD, "no measurementSiteReference"));
        return out;
      }
      if (time == null) {
        out.add(
            Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "site " + id + ": no measurementTimeDefault"));
        return out;
      }
      Instant observedAt;
      try {
        observedAt = OffsetDateTime.parse(time).toInstant();
      } catch (DateTimeParseException e) {
        out.add(
            Decoded.rejected(
                source, RejectReason.INVALID_VALUE, "site " + id + ": time '" + time + "'"));
        return out;
      }
      Double flow = known(Measure.vehicleFlow, false);
      Double speed = known(Measure.averageVehicleSpeed, true);
      Double occupancy = known(Measure.occupancy, true);
      if (flow == null && speed == null && occupancy == null) {
        out.add(
            Decoded.rejected(
                source, RejectReason.MISSING_FIELD, "site " + id + ": no valid measure"));
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

    private Double known(Measure measure, boolean mean) {
      int m = measure.ordinal();
      if (failed[m] || count[m] == 0) {
        return null;
      }
      return mean ? sum[m] / count[m] : sum[m];
    }
  }
}
