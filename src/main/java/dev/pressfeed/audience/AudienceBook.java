package dev.pressfeed.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the last count per feed and aggregator (and the aggregator's feed id) is kept: one
 * entry each, overwritten by a newer report. Implementations: {@code DynamoAudienceBook}
 * (items of the releases table whose key starts {@code audience#}, all the feed function may
 * write) and {@code EmbeddedAudienceBook} (a table of the local store); both pass
 * {@code AudienceBookContract}.
 */
public interface AudienceBook {

  /** A report of an unchanged count is written again only after this long. */
  Duration REWRITE_AFTER = Duration.ofHours(1);
  /** An entry not reported again for this long is dropped (DynamoDB's TTL, or on a write). */
  Duration KEPT_FOR = Duration.ofDays(30);

  /**
   * Writes {@code report} for {@code feed} as reported at {@code at}, in one conditional write:
   * only if no entry exists, its count differs, or it was reported {@link #REWRITE_AFTER} or
   * more before {@code at}. Never reads first.
   *
   * @return whether it wrote
   */
  boolean record(String feed, Report report, Instant at);

  /**
   * The entries reported at or after {@code since}, newest first, at most {@code limit}: the
   * newest are kept when there are more.
   */
  List<Reading> since(Instant since, int limit);

  /** A store that keeps no audience: nothing is written, nothing listed. */
  AudienceBook NONE = new AudienceBook() {
    @Override
    public boolean record(String feed, Report report, Instant at) {
      return false;
    }

    @Override
    public List<Reading> since(Instant since, int limit) {
      return List.of();
    }
  };
}
