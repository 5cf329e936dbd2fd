package io.mobiflow.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobiflow.connectors.gtfsrt.decode.VehiclePositionDecoder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An unread snapshot, whose bytes its source withheld, is one rejection behind the size limit. */
class FeedSnapshotTest {

  private static final SourceRef SOURCE = SourceRef.file("bus", "1768287600.pb");

  @Test
  void anUnreadSnapshotBecomesTheRejectionItsSourceGave() {
    FeedSnapshot unread =
        FeedSnapshot.unread(
            "bus",
            FeedKind.GTFS_RT_VEHICLE_POSITIONS,
            Instant.ofEpochSecond(1_768_287_600L),
            SOURCE,
            RejectReason.TOO_LARGE,
            "1073741824 bytes, over the limit of 67108864");
    assertThat(new VehiclePositionDecoder().limitedTo(FeedDecoder.DEFAULT_MAX_BYTES).decode(unread))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(RejectReason.TOO_LARGE);
              assertThat(d.source()).isEqualTo(SOURCE);
              assertThat(d.detail()).isEqualTo("1073741824 bytes, over the limit of 67108864");
            });
  }

  @Test
  void anUnreadSnapshotHasNoBytes() {
    assertThatThrownBy(
            () ->
                new FeedSnapshot(
                    "bus",
                    FeedKind.GTFS_RT_VEHICLE_POSITIONS,
                    Instant.EPOCH,
                    SOURCE,
                    new byte[1],
                    new FeedSnapshot.Withheld(RejectReason.UNREADABLE, "gone")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
