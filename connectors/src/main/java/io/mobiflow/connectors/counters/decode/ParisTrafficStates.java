package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.common.Require;
import io.mobiflow.connectors.counters.model.TrafficState;

/** The Paris counters' traffic states: codes 0–4 (archive) and French labels (portal). */
final class ParisTrafficStates {

  private ParisTrafficStates() {}

  /** Code 1–4 as a state, 0 or empty as {@code null} (unknown). */
  static TrafficState fromCode(String code) throws RowRejected {
    return switch (code) {
      case "", "0" -> null;
      case "1" -> TrafficState.FREE_FLOW;
      case "2" -> TrafficState.HEAVY;
      case "3" -> TrafficState.CONGESTED;
      case "4" -> TrafficState.BLOCKED;
      default ->
          throw new RowRejected(
              RejectReason.INVALID_VALUE,
              "etat_trafic " + Require.quoted(code) + " is not a code 0-4");
    };
  }

  /** The portal's label as a state, "Inconnu" or empty as {@code null} (unknown). */
  static TrafficState fromLabel(String label) throws RowRejected {
    return switch (label) {
      case "", "Inconnu" -> null;
      case "Fluide" -> TrafficState.FREE_FLOW;
      case "Pré-saturé" -> TrafficState.HEAVY;
      case "Saturé" -> TrafficState.CONGESTED;
      case "Bloqué" -> TrafficState.BLOCKED;
      default ->
          throw new RowRejected(
              RejectReason.INVALID_VALUE,
              "Etat trafic " + Require.quoted(label) + " is not a known state");
    };
  }
}
