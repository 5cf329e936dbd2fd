package io.mobiflow.connectors.counters.decode;

import io.mobiflow.connectors.common.FeedKind;
import io.mobiflow.connectors.common.RejectReason;
import io.mobiflow.connectors.counters.model.CounterReading;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * Decodes the yearly archive of Paris's permanent counters ("comptages routiers permanents"), one
 * road arc and hour per row:
 *
 * <pre>
 * iu_ac,libelle,iu_nd_amont,libelle_nd_amont,iu_nd_aval,libelle_nd_aval,t_1h,q,k,etat_trafic,etat_barre
 * </pre>
 *
 * <p>{@code iu_ac} is the site, {@code t_1h} the start of the hour in Paris local time (in the
 * autumn's repeated hour the earlier offset is taken), {@code q} the flow in vehicles/hour, {@code
 * k} the occupancy in percent, {@code etat_trafic} the state code 0–4. A row with neither {@code q}
 * nor {@code k} is rejected as {@link RejectReason#MISSING_FIELD}; exact duplicate rows (the 2023
 * files repeat a whole month) as {@link RejectReason#DUPLICATE}; a {@code t_1h} not within years
 * 1970–9999 or a measure that is not a finite decimal in its range as {@link
 * RejectReason#INVALID_VALUE}. {@code etat_barre} is not read: the archive marks arcs that carry
 * traffic all year as closed or invalid.
 */
public final class ParisArchiveDecoder extends CsvCounterDecoder {

  private static final long serialVersionUID = 1L;
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter T_1H =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  public ParisArchiveDecoder() {
    super(
        FeedKind.COUNTER_PARIS_ARCHIVE,
        ',',
        List.of("iu_ac", "libelle", "t_1h", "q", "k", "etat_trafic"));
  }

  @Override
  CounterReading reading(CsvFields row) throws RowRejected {
    String siteId = row.required("iu_ac");
    Instant hour =
        row.time("t_1h", text -> LocalDateTime.parse(text, T_1H).atZone(PARIS).toInstant());
    Double flow = row.number("q");
    Double occupancy = row.number("k");
    if (flow == null && occupancy == null) {
      throw new RowRejected(RejectReason.MISSING_FIELD, "q and k are both empty");
    }
    return new CounterReading(
        siteId, hour, flow, occupancy, null, ParisTrafficStates.fromCode(row.text("etat_trafic")));
  }
}
