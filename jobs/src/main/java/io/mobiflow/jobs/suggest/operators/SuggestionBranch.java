package io.mobiflow.jobs.suggest.operators;

import io.mobiflow.connectors.common.FeedSnapshot;
import io.mobiflow.connectors.common.KeyedHash;
import io.mobiflow.connectors.common.Rejection;
import io.mobiflow.connectors.gtfsrt.model.MatchedStopTimeUpdate;
import io.mobiflow.jobs.common.DeadLetters;
import io.mobiflow.jobs.suggest.FreeVehicles;
import io.mobiflow.jobs.suggest.Suggestion;
import io.mobiflow.jobs.suggest.SuggestionSettings;
import io.mobiflow.jobs.zoneflow.SpatialUnit;
import io.mobiflow.jobs.zoneflow.ZoneFlow;
import io.mobiflow.jobs.zoneflow.ZoneFlowJob;
import io.mobiflow.jobs.zoneflow.match.Places;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The suggestion branch of the zone-flow job: from the job's streams (stop time updates, station
 * reports, free-floating snapshots, the indicators of zones and routes), intermodality suggestions
 * (delay → shared vehicle, connection at risk, congestion → mode shift, first/last-mile gap) with
 * the trips and stops of a GTFS feed. The job must compute the {@link #UNITS} it reads.
 *
 * <p>Station reports are broadcast as the station operator let them through (in station event time,
 * none late); free-floating snapshots with the source's watermarks (fetch time), not a per-kind
 * event time: a kind without any snapshot (no free-floating feed, say) would otherwise hold the
 * operator's watermark, and with it every waiting update, until the feed is declared idle.
 */
public final class SuggestionBranch {

  /** The units whose indicators the branch reads. */
  public static final Set<SpatialUnit> UNITS = Set.of(SpatialUnit.ZONE, SpatialUnit.ROUTE);

  private final Path gtfs;
  private final Places places;
  private final SuggestionSettings settings;
  private final KeyedHash pseudonyms;

  /**
   * @param gtfs the trips and stops the suggestions name
   * @param places the job's places
   * @param settings the rules' settings
   * @param pseudonyms the key of the free-floating vehicles' pseudonyms (the job's)
   */
  public SuggestionBranch(
      Path gtfs, Places places, SuggestionSettings settings, KeyedHash pseudonyms) {
    this.gtfs = Objects.requireNonNull(gtfs, "gtfs");
    this.places = Objects.requireNonNull(places, "places");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
  }

  /**
   * Adds the branch's operators after {@code streams}, its suggestions into {@code sink}. Returns
   * the dead letters of its operators (inputs they threw on).
   */
  public DataStream<Rejection> addTo(ZoneFlowJob.Streams streams, Sink<Suggestion> sink) {
    TypeInformation<SharedVehicleReport> reportType = TypeInformation.of(SharedVehicleReport.class);
    KeyedHash hash = pseudonyms;
    DataStream<SharedVehicleReport> freeVehicles =
        streams
            .freeVehicleSnapshots()
            .flatMap(
                (FeedSnapshot snapshot, Collector<SharedVehicleReport> out) ->
                    FreeVehicles.of(snapshot, hash)
                        .map(SharedVehicleReport::of)
                        .ifPresent(out::collect),
                reportType)
            .name("free vehicles available")
            .uid("free-vehicles-available");
    SingleOutputStreamOperator<Suggestion> atStops =
        streams
            .stopUpdates()
            .keyBy(MatchedStopTimeUpdate::stopId)
            .connect(
                streams
                    .stationReports()
                    .map(m -> SharedVehicleReport.of(m.status()), reportType)
                    .name("station availability")
                    .uid("station-availability-broadcast")
                    .union(freeVehicles)
                    .broadcast(
                        StopSuggestionFunction.STATIONS, StopSuggestionFunction.FREE_VEHICLES))
            .process(
                new StopSuggestionFunction(gtfs, places, settings),
                TypeInformation.of(Suggestion.class))
            .name("suggestions at stops")
            .uid("stop-suggestions");
    DataStream<ZoneFlow> flows = streams.flows(); // final records only: a rule acts once per window
    SingleOutputStreamOperator<Suggestion> inZones =
        flows
            .filter(flow -> flow.unit() == SpatialUnit.ZONE && !flow.provisional())
            .name("zone flows for suggestions")
            .uid("zone-flows-for-suggestions")
            .keyBy(ZoneFlow::unitId)
            .connect(
                flows
                    .filter(flow -> flow.unit() == SpatialUnit.ROUTE && !flow.provisional())
                    .name("route flows for suggestions")
                    .uid("route-flows-for-suggestions")
                    .broadcast(ZoneSuggestionFunction.ROUTE_ON_TIME))
            .process(new ZoneSuggestionFunction(gtfs, places), TypeInformation.of(Suggestion.class))
            .name("suggestions in zones")
            .uid("zone-suggestions");
    atStops.union(inZones).sinkTo(sink).name("suggestions").uid("suggestion-sink");
    return atStops.getSideOutput(DeadLetters.TAG).union(inZones.getSideOutput(DeadLetters.TAG));
  }
}
