package io.mobiflow.connectors.counters.model;

/**
 * The traffic state a counter feed reports for its road section, in increasing congestion. The
 * Paris feeds write it as a code 0–4 (archive) or a French label (portal); 0 and "Inconnu" mean
 * unknown and become no state at all.
 */
public enum TrafficState {
  /** "Fluide", code 1. */
  FREE_FLOW,
  /** "Pré-saturé", code 2. */
  HEAVY,
  /** "Saturé", code 3. */
  CONGESTED,
  /** "Bloqué", code 4. */
  BLOCKED
}
