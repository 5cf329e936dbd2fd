package io.mobiflow.connectors.gbfs.model;

import io.mobiflow.connectors.common.Require;

/**
 * One feed a GBFS discovery file ({@code gbfs.json}) or v3 manifest lists.
 *
 * @param name the feed name (station_status, free_bike_status…), or {@code gbfs} for a manifest's
 *     system entries
 * @param url where it is served
 * @param language the language section it was listed under (1.x/2.x), or {@code null}
 * @param systemId the system (manifest entries only), or {@code null}
 * @param version the GBFS version (manifest entries only), or {@code null}
 */
public record GbfsFeedLink(
    String name, String url, String language, String systemId, String version) {

  public GbfsFeedLink {
    Require.id(name, "name");
    Require.id(url, "url");
  }
}
