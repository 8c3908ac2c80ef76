package dev.pressfeed.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.audience.Audience;
import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.audience.Report;
import dev.pressfeed.release.ReleaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's audience (SPEC §11) must do: one entry per feed, aggregator and feed id;
 * one conditional write that writes a new entry, another count at once, the same count only
 * after an hour; the entries of a period, newest first, capped. Each store's test extends this
 * class and supplies a fresh, empty store per test.
 */
public abstract class AudienceBookContract {

  protected static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
  protected static final String FEED = "/feed.rss";
  protected static final String TAGGED = "/feed.atom?tag=f%C3%B6rderung";

  protected ReleaseStore store;
  protected AudienceBook book;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  @BeforeEach
  void openBook() throws Exception {
    store = emptyStore();
    book = store.audience();
  }

  @Test
  void eachFeedAggregatorAndFeedIdHasItsOwnEntry() {
    assertThat(book.record(FEED, new Report("Feedly", "", 16), T)).isTrue();
    assertThat(book.record(FEED, new Report("Feedbin", "1234", 7), T.plusMillis(1))).isTrue();
    assertThat(book.record(FEED, new Report("Feedbin", "5678", 2), T.plusMillis(2))).isTrue();
    assertThat(book.record(TAGGED, new Report("Feedly", "", 3), T.plusMillis(3))).isTrue();

    assertThat(book.since(T, 100)).containsExactly(
        new Reading(TAGGED, "Feedly", "", 3, T.plusMillis(3)),
        new Reading(FEED, "Feedbin", "5678", 2, T.plusMillis(2)),
        new Reading(FEED, "Feedbin", "1234", 7, T.plusMillis(1)),
        new Reading(FEED, "Feedly", "", 16, T));
    // The same store reached again (another container) holds the same entries.
    assertThat(store.audience().since(T, 100)).hasSize(4);
  }

  @Test
  void theSameCountIsWrittenAgainOnlyAfterAnHourAnotherCountAtOnce() {
    Report sixteen = new Report("Feedly", "", 16);
    assertThat(book.record(FEED, sixteen, T)).as("new").isTrue();
    assertThat(book.record(FEED, sixteen, T.plus(Duration.ofMinutes(59)))).as("same count, within the hour").isFalse();
    assertThat(book.since(T.minusSeconds(1), 10)).extracting(Reading::reportedAt).containsExactly(T);

    assertThat(book.record(FEED, new Report("Feedly", "", 17), T.plus(Duration.ofMinutes(59)))).as("another count").isTrue();
    assertThat(book.since(T.minusSeconds(1), 10)).containsExactly(
        new Reading(FEED, "Feedly", "", 17, T.plus(Duration.ofMinutes(59))));

    Instant later = T.plus(Duration.ofMinutes(59)).plus(AudienceBook.REWRITE_AFTER);
    assertThat(book.record(FEED, new Report("Feedly", "", 17), later)).as("same count, an hour on").isTrue();
    assertThat(book.since(T.minusSeconds(1), 10)).extracting(Reading::reportedAt).containsExactly(later);
  }

  @Test
  void aPeriodListsItsEntriesNewestFirstAndTheNewestWhenCapped() {
    Instant now = T.plus(Duration.ofDays(20));
    book.record(FEED, new Report("Old", "", 1), now.minus(Duration.ofDays(8)));
    book.record(FEED, new Report("Week", "", 2), now.minus(Audience.WINDOW));
    book.record(FEED, new Report("Day", "", 3), now.minus(Duration.ofDays(1)));
    book.record(FEED, new Report("Now", "", 4), now);

    assertThat(book.since(now.minus(Audience.WINDOW), 10)).extracting(Reading::reader).containsExactly("Now", "Day", "Week");
    assertThat(book.since(now.minus(Audience.WINDOW), 2)).extracting(Reading::reader).containsExactly("Now", "Day");

    Audience audience = Audience.at(book, now);
    assertThat(audience.total()).isEqualTo(2 + 3 + 4);
    assertThat(audience.feeds()).singleElement().satisfies(feed -> {
      assertThat(feed.feed()).isEqualTo(FEED);
      assertThat(feed.readers()).extracting(Reading::reader).containsExactly("Now", "Day", "Week");
    });
  }

  @Test
  void manyEntriesAreReadUpToTheCapNewestFirst() {
    for (int i = 0; i < 120; i++) {
      book.record("/feed.json?tag=t" + i, new Report("Bot" + i, "", i), T.plusSeconds(i));
    }
    List<Reading> newest = book.since(T, 100);
    assertThat(newest).hasSize(100);
    assertThat(newest.get(0).reader()).isEqualTo("Bot119");
    assertThat(newest.get(99).reader()).isEqualTo("Bot20");
  }
}
