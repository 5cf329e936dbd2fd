package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.SourceRef;
import io.mobiflow.connectors.gtfsrt.decode.AlertDecoder;
import io.mobiflow.connectors.gtfsrt.encode.AlertFeedEncoder;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts written by Mobiflow parse back with the bindings and with its own decoder, unchanged. */
class AlertFeedEncoderTest {

  private static final Instant NOW = Instant.parse("2026-01-13T07:00:00Z");

  @Test
  void alertsRoundTrip() throws Exception {
    ServiceAlert alert =
        new ServiceAlert(
            "mobiflow-1",
            List.of(new ServiceAlert.ActivePeriod(NOW, NOW.plusSeconds(480))),
            List.of(
                new ServiceAlert.InformedEntity(null, "R1", null, null),
                new ServiceAlert.InformedEntity(null, null, "T1", "S1")),
            "OTHER_CAUSE",
            "OTHER_EFFECT",
            List.of(
                new ServiceAlert.Translation("fr", "Bus en retard"),
                new ServiceAlert.Translation("en", "Bus late")),
            List.of(
                new ServiceAlert.Translation("fr", "Prenez un vélo"),
                new ServiceAlert.Translation("en", "Take a bike")),
            NOW);
    byte[] bytes = AlertFeedEncoder.encode(List.of(alert), NOW);

    FeedMessage feed = FeedMessage.parseFrom(bytes);
    assertThat(feed.getHeader().getGtfsRealtimeVersion()).isEqualTo("2.0");
    assertThat(feed.getHeader().getTimestamp()).isEqualTo(NOW.getEpochSecond());
    Alert parsed = feed.getEntity(0).getAlert();
    assertThat(parsed.getCause()).isEqualTo(Alert.Cause.OTHER_CAUSE);
    assertThat(parsed.getInformedEntity(1).getTrip().getTripId()).isEqualTo("T1");

    List<Decoded<ServiceAlert>> decoded =
        new AlertDecoder()
            .decode(
                new FeedSnapshot(
                    "mobiflow",
                    FeedKind.GTFS_RT_ALERTS,
                    NOW,
                    SourceRef.file("mobiflow", "alerts.pb"),
                    bytes));
    assertThat(decoded).singleElement().matches(Decoded::isOk);
    assertThat(decoded.get(0).value()).isEqualTo(alert);
  }
}
