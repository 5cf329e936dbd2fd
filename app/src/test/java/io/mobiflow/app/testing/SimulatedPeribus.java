package io.mobiflow.app.testing;

import io.mobiflow.app.demo.CityFiles;
import io.mobiflow.app.demo.DemoCity;
import io.mobiflow.app.demo.DemoData;
import io.mobiflow.app.demo.FeedSimulator;
import io.mobiflow.app.demo.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's inputs in a test folder: the city files ({@code city/zones.geojson}, {@code
 * city/station_information.json}), the real Péribus GTFS ({@code city/peribus-gtfs.zip}) and the
 * seeded simulated feeds from 07:00 ({@code feeds/}), as a run configuration names them.
 */
public final class SimulatedPeribus {

  private SimulatedPeribus() {}

  /** Writes {@code minutes} of feeds (seed 42) and the city under {@code dir}; returns the city. */
  public static DemoCity write(Path dir, int minutes) throws Exception {
    DemoCity city = DemoData.perigueux(DemoData.DEFAULT_DATE);
    CityFiles.write(city, dir.resolve("city"));
    DemoData.writePeribus(dir.resolve("city/peribus-gtfs.zip"));
    FeedSimulator.run(
        city,
        SimulationSettings.typical(
            42,
            DemoData.DEFAULT_DATE.atTime(7, 0).atZone(city.timetable().timeZone()).toInstant(),
            Duration.ofMinutes(minutes)),
        dir.resolve("feeds"));
    return city;
  }
}
