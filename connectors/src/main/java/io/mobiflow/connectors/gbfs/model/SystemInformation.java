package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;
import java.time.ZoneId;
import java.util.List;

/**
 * A shared-mobility system (GBFS system_information).
 *
 * @param systemId system_id
 * @param name name (first translation in 3.0)
 * @param timeZone timezone
 * @param languages the languages it publishes ({@code language} before 3.0, {@code languages} in
 *     3.0); may be empty
 */
public record SystemInformation(
    String systemId, String name, ZoneId timeZone, List<String> languages) {

  public SystemInformation {
    Require.id(systemId, "systemId");
    Require.present(name, "name");
    Require.present(timeZone, "timeZone");
    languages = List.copyOf(languages);
  }
}
