package io.mobiflow.app.demo;

/**
 * A weekday demand profile for a French medium-sized city: low at night, a sharp morning peak at
 * 08:00, a lunch shoulder and a broader evening peak at 17:30. Values are shares of peak demand.
 */
final class DailyProfile {

  private DailyProfile() {}

  /** Demand at a local time of day (hours, fractional), in about [0.15, 1.05]. */
  static double demand(double hourOfDay) {
    return Math.min(
        1.05,
        0.15
            + 0.85 * bump(hourOfDay, 8.0, 1.1)
            + 0.45 * bump(hourOfDay, 12.5, 1.5)
            + 0.80 * bump(hourOfDay, 17.5, 1.4));
  }

  private static double bump(double x, double centre, double width) {
    double z = (x - centre) / width;
    return Math.exp(-z * z);
  }
}
