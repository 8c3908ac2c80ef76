package dev.pressfeed.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /editor/audience} shows: the readings of the last {@link #WINDOW}, per feed.
 * An aggregator that names several feed ids for one feed (two subscriptions to forms of its URL
 * that Pressfeed counts as one feed) is listed once per id and counted in full each time: each
 * id is its own set of subscribers. Feeds are ordered by subscribers, most first, then by path;
 * readers within a feed likewise, then by name and feed id.
 *
 * @param total subscribers of every feed together (a person subscribed through two aggregators,
 *              or to two feeds, counts twice: aggregators report counts, not people)
 */
public record Audience(long total, List<Feed> feeds) {

  /** Reports older than this are not counted (SPEC §11). */
  public static final Duration WINDOW = Duration.ofDays(7);
  /**
   * The most readings one answer reads, newest first: about 300 KB of items, one or two
   * DynamoDB queries. Far above one press office's feeds times the aggregators that report.
   */
  public static final int MAX_READINGS = 1_000;

  /** One feed and who reports subscribers to it. */
  public record Feed(String feed, long subscribers, List<Reading> readers) {}

  private static final Comparator<Reading> READERS = Comparator.comparingInt(Reading::subscribers).reversed()
      .thenComparing(Reading::reader).thenComparing(Reading::feedId);

  /** The audience the book holds at {@code now}. */
  public static Audience at(AudienceBook book, Instant now) {
    return of(book.since(now.minus(WINDOW), MAX_READINGS));
  }

  static Audience of(List<Reading> readings) {
    Map<String, List<Reading>> byFeed = new LinkedHashMap<>();
    for (Reading reading : readings) {
      byFeed.computeIfAbsent(reading.feed(), f -> new ArrayList<>()).add(reading);
    }
    List<Feed> feeds = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, List<Reading>> entry : byFeed.entrySet()) {
      List<Reading> readers = new ArrayList<>(entry.getValue());
      readers.sort(READERS);
      long sum = readers.stream().mapToLong(Reading::subscribers).sum();
      feeds.add(new Feed(entry.getKey(), sum, List.copyOf(readers)));
      total += sum;
    }
    feeds.sort(Comparator.comparingLong(Feed::subscribers).reversed().thenComparing(Feed::feed));
    return new Audience(total, List.copyOf(feeds));
  }
}
