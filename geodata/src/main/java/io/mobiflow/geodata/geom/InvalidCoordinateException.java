package io.mobiflow.geodata.geom;

/** A coordinate that no index matches, with the typed reason. */
public final class InvalidCoordinateException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final CoordinateProblem problem;

  public InvalidCoordinateException(double latitude, double longitude, CoordinateProblem problem) {
    super("invalid coordinate (" + latitude + ", " + longitude + "): " + problem);
    this.problem = problem;
  }

  /** Why the coordinate was refused. */
  public CoordinateProblem problem() {
    return problem;
  }
}
