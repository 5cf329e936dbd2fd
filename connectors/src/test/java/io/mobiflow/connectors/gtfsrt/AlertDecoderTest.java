package io.mobiflow.connectors.gtfsrt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import io.mobiflow.connectors.Snapshots;
import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.gtfsrt.decode.AlertDecoder;
import io.mobiflow.connectors.gtfsrt.model.ServiceAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertDecoderTest {

  /**
   * Bibus Brest's 12 alerts. Independent figures, from printing the message with the bindings
   * alone: 14 informed entities (one alert names routes 02, 04 and 14), 12 active periods, 11
   * CONSTRUCTION/DETOUR and 1 OTHER_CAUSE/REDUCED_SERVICE, one untagged header text each; header
   * timestamp 1639668542.
   */
  @Test
  void decodesTheRealBrestAlerts() {
    List<Decoded<ServiceAlert>> decoded =
        new AlertDecoder()
            .decode(
                Snapshots.resource(
                    FeedKind.GTFS_RT_ALERTS, "/real/brest/bibus-brest-gtfs-rt-alerts.pb"));
    assertThat(decoded).hasSize(12).allMatch(Decoded::isOk);
    List<ServiceAlert> alerts = decoded.stream().map(Decoded::value).toList();
    assertThat(alerts.stream().mapToInt(a -> a.informedEntities().size()).sum()).isEqualTo(14);
    assertThat(alerts.stream().mapToInt(a -> a.activePeriods().size()).sum()).isEqualTo(12);
    assertThat(alerts).filteredOn(a -> a.effect().equals("DETOUR")).hasSize(11);
    assertThat(alerts)
        .filteredOn(a -> a.cause().equals("OTHER_CAUSE"))
        .singleElement()
        .extracting(ServiceAlert::effect)
        .isEqualTo("REDUCED_SERVICE");
    assertThat(alerts).allMatch(a -> a.headerText().size() == 1);
    assertThat(alerts).allMatch(a -> a.observedAt().equals(Instant.ofEpochSecond(1639668542L)));
  }

  @Test
  void anActivePeriodOutOfRangeRejectsItsAlertAndTheOthersStillDecode() throws Exception {
    FeedMessage.Builder real =
        FeedMessage.parseFrom(
            Snapshots.resource(FeedKind.GTFS_RT_ALERTS, "/real/brest/bibus-brest-gtfs-rt-alerts.pb")
                .payload())
            .toBuilder();
    real.getEntityBuilder(3)
        .getAlertBuilder()
        .addActivePeriod(
            TimeRange.newBuilder().setStart(1_639_668_542L).setEnd(100_000_000_000_000_000L));

    List<Decoded<ServiceAlert>> decoded =
        new AlertDecoder()
            .decode(Snapshots.of(FeedKind.GTFS_RT_ALERTS, "alerts.pb", real.build().toByteArray()));

    assertThat(decoded).hasSize(12).filteredOn(Decoded::isOk).hasSize(11);
    assertThat(decoded.get(3).reason()).isEqualTo(RejectReason.INVALID_VALUE);
    assertThat(decoded.get(3).source().line()).isEqualTo(4);
    assertThat(decoded.get(3).detail())
        .startsWith("active period end = 100000000000000000 s is outside");
  }

  @Test
  void keepsTranslationsAndOpenPeriodsAndRejectsEmptySelectors() {
    FeedMessage message =
        FeedMessage.newBuilder()
            .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(100))
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("a1")
                    .setAlert(
                        Alert.newBuilder()
                            .addInformedEntity(EntitySelector.newBuilder().setStopId("S1"))
                            .addActivePeriod(TimeRange.newBuilder().setStart(200))
                            .setHeaderText(
                                TranslatedString.newBuilder()
                                    .addTranslation(
                                        TranslatedString.Translation.newBuilder()
                                            .setLanguage("fr")
                                            .setText("Travaux"))
                                    .addTranslation(
                                        TranslatedString.Translation.newBuilder()
                                            .setLanguage("en")
                                            .setText("Works")))))
            .addEntity(
                FeedEntity.newBuilder()
                    .setId("a2")
                    .setAlert(Alert.newBuilder().addInformedEntity(EntitySelector.newBuilder())))
            .addEntity(FeedEntity.newBuilder().setId("a3").setAlert(Alert.newBuilder()))
            .build();
    List<Decoded<ServiceAlert>> decoded =
        new AlertDecoder()
            .decode(Snapshots.of(FeedKind.GTFS_RT_ALERTS, "alerts.pb", message.toByteArray()));
    ServiceAlert first = decoded.get(0).value();
    assertThat(first.headerText())
        .containsExactly(
            new ServiceAlert.Translation("fr", "Travaux"),
            new ServiceAlert.Translation("en", "Works"));
    assertThat(first.activePeriods())
        .containsExactly(new ServiceAlert.ActivePeriod(Instant.ofEpochSecond(200), null));
    assertThat(first.cause()).isEqualTo("UNKNOWN_CAUSE");
    assertThat(decoded.subList(1, 3))
        .extracting(Decoded::reason, d -> d.source().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectReason.INVALID_VALUE, 2L),
            org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, 3L));
  }
}
