package dev.pressfeed.store.embedded;

import dev.pressfeed.release.FeedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code feed_state.embargoes} column's text. Schema version 2 stored embargo ends there as
 * comma-separated epoch milliseconds; the public edition and each end's owner are encoded in
 * the same column, so the schema (and every existing data directory) stays as it is:
 *
 * <pre>e&lt;edition&gt;,&lt;millis&gt; &lt;version&gt; &lt;feed id&gt;,…</pre>
 *
 * <p>Text without an {@code e} entry is the older format: its edition is the row's revision
 * (which moved with every write then) and its bare times are owned by nobody. Feed ids are
 * {@code urn:uuid:} values, without commas.
 */
final class FeedStateText {

  private FeedStateText() {}

  static String write(FeedState state) {
    StringBuilder out = new StringBuilder("e").append(state.edition());
    for (FeedState.Embargo e : state.embargoes()) {
      out.append(',').append(e.endsAt().toEpochMilli());
      if (e.feedId() != null) {
        out.append(' ').append(e.version()).append(' ').append(e.feedId());
      }
    }
    return out.toString();
  }

  static FeedState read(long revision, Instant changedAt, String text) {
    long edition = revision;
    List<FeedState.Embargo> embargoes = new ArrayList<>();
    for (String entry : text.split(",")) {
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("e")) {
        edition = Long.parseLong(entry.substring(1));
        continue;
      }
      String[] parts = entry.split(" ", 3);
      Instant endsAt = Instant.ofEpochMilli(Long.parseLong(parts[0]));
      embargoes.add(parts.length == 3
          ? new FeedState.Embargo(endsAt, parts[2], Long.parseLong(parts[1]))
          : FeedState.Embargo.unowned(endsAt));
    }
    return new FeedState(revision, edition, changedAt, embargoes);
  }
}
