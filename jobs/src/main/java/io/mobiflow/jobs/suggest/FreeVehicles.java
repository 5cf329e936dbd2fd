package io.mobiflow.jobs.suggest;

import io.mobiflow.connectors.common.Decoded;
import io.mobiflow.connectors.common.FeedDecoder;
import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.gbfs.decode.FreeFloatingVehicleDecoder;
import io.mobiflow.connectors.gbfs.model.FreeFloatingVehicle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The free-floating vehicles one GBFS snapshot offers: those neither reserved nor disabled, each
 * under a pseudonym ({@link KeyedHash}) instead of its id: the suggestions (and the broadcast state
 * they are made from) never hold a vehicle's id.
 *
 * @param feedId the feed
 * @param observedAt the snapshot's time (its vehicles' latest)
 * @param vehicles the vehicles available to rent, ids pseudonymised
 */
public record FreeVehicles(String feedId, Instant observedAt, List<FreeFloatingVehicle> vehicles) {

  private static final FeedDecoder<FreeFloatingVehicle> DECODER =
      new FreeFloatingVehicleDecoder().limitedTo(FeedDecoder.DEFAULT_MAX_BYTES);

  public FreeVehicles {
    Require.id(feedId, "feedId");
    Require.present(observedAt, "observedAt");
    vehicles = List.copyOf(vehicles);
  }

  /**
   * The available vehicles of a {@code free_bike_status} / {@code vehicle_status} snapshot, their
   * ids replaced by their pseudonyms under {@code pseudonyms}, or empty when it has none. Rejected
   * entries are left out here: the pick-up and drop-off operator reads the same snapshots and sends
   * them to the dead letters.
   */
  public static Optional<FreeVehicles> of(FeedSnapshot snapshot, KeyedHash pseudonyms) {
    List<FreeFloatingVehicle> decoded =
        DECODER.decode(snapshot).stream().filter(Decoded::isOk).map(Decoded::value).toList();
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    Instant observed =
        decoded.stream().map(FreeFloatingVehicle::observedAt).max(Instant::compareTo).orElseThrow();
    return Optional.of(
        new FreeVehicles(
            snapshot.feedId(),
            observed,
            decoded.stream()
                .filter(v -> !v.reserved() && !v.disabled())
                .map(
                    v ->
                        new FreeFloatingVehicle(
                            pseudonyms.pseudonym(v.vehicleId()),
                            v.latitude(),
                            v.longitude(),
                            v.vehicleTypeId(),
                            false,
                            false,
                            v.observedAt()))
                .toList()));
  }
}
