package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.feed.AtomSchema;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.ReleaseStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Withdrawal signals (SPEC §10): a retracted release that was public leaves an RFC 6721
 * {@code at:deleted-entry} on the first page of each Atom feed it appeared in, for 30 days, over
 * HTTP on every store. Every Atom page read is checked against RFC 4287's RELAX NG grammar with
 * RFC 6721 ({@link AtomSchema}) and by the feed checks every feed test uses ({@link FeedCheck}).
 */
abstract class TombstonesContract {

  /** A small page, so that "not counted in FEED_SIZE" and "not on page 2" are cheap to show. */
  static final int FEED_SIZE = 3;
  private static final Pattern TOMBSTONE =
      Pattern.compile("<at:deleted-entry ref=\"([^\"]*)\" when=\"([^\"]*)\"\\s*/>");

  protected RunningGateway api;
  /** The store under the gateway: where a test finds a release's {@code urn:uuid}. */
  private ReleaseStore store;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Closes what {@link #emptyStore} opened, once the gateway has stopped. */
  protected abstract void closeStore() throws Exception;

  @BeforeEach
  void start() throws Exception {
    store = emptyStore();
    api = new RunningGateway(store, Map.of("FEED_SIZE", Integer.toString(FEED_SIZE)));
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    closeStore();
  }

  @Test
  void aRetractionShowsInTheUnfilteredFeedAndTheTagAndLanguageFeedsItMatchedOnly() {
    Created withdrawn = create(Map.of("title", "Zurückgezogen", "tags", List.of("Förderung", "Smart City"),
        "language", "de-DE"));
    Created other = create(Map.of("title", "Other", "tags", List.of("Energie"), "language", "en"));
    api.clock.advance(Duration.ofMinutes(1));
    Instant retractedAt = retract(withdrawn);
    api.clock.advance(Duration.ofMinutes(1));

    for (String path : List.of("/feed.atom", "/feed.atom?tag=f%C3%B6rderung", "/feed.atom?tag=SMART%20CITY",
        "/feed.atom?lang=de", "/feed.atom?lang=de-DE", "/feed.atom?tag=F%C3%B6rderung&lang=de")) {
      String atom = atom(path);
      assertThat(tombstones(atom)).as(path).containsExactly(withdrawn.feedId() + " " + retractedAt);
      assertThat(atom).as(path + ": the entry is gone").doesNotContain("<id>" + withdrawn.feedId() + "</id>");
      assertThat(atom.indexOf("<at:deleted-entry")).as(path + ": after the metadata")
          .isGreaterThan(atom.indexOf("<updated>"));
      if (atom.contains("<entry")) {
        assertThat(atom.indexOf("<at:deleted-entry")).as(path + ": before the entries")
            .isLessThan(atom.indexOf("<entry"));
      }
    }
    assertThat(atom("/feed.atom")).contains("<id>" + other.feedId() + "</id>");
    for (String path : List.of("/feed.atom?tag=Energie", "/feed.atom?lang=en", "/feed.atom?tag=Smart",
        "/feed.atom?lang=d", "/feed.atom?tag=F%C3%B6rderung&lang=en")) {
      assertThat(tombstones(atom(path))).as(path + ": the release never appeared there").isEmpty();
    }
    for (String path : List.of("/feed.rss", "/feed.json", "/feed.rss?tag=F%C3%B6rderung")) {
      Reply reply = api.get(path);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text()).as(path + ": Atom only").doesNotContain(withdrawn.feedId())
          .doesNotContain("deleted-entry");
    }
  }

  @Test
  void tombstonesAreNotCountedInFeedSizeAndStayOffLaterPages() {
    Created withdrawn = create(Map.of("title", "Zurückgezogen"));
    List<Created> kept = new ArrayList<>();
    for (int i = 0; i < FEED_SIZE + 2; i++) {
      api.clock.advance(Duration.ofMinutes(1));
      kept.add(create(Map.of("title", "Meldung " + i)));
    }
    api.clock.advance(Duration.ofMinutes(1));
    Instant retractedAt = retract(withdrawn);

    String first = atom("/feed.atom");
    assertThat(entryIds(first)).as("a full first page").hasSize(FEED_SIZE)
        .containsExactly(kept.get(4).feedId(), kept.get(3).feedId(), kept.get(2).feedId());
    assertThat(tombstones(first)).containsExactly(withdrawn.feedId() + " " + retractedAt);
    Matcher next = Pattern.compile("<link rel=\"next\" type=\"application/atom\\+xml\" href=\"([^\"]*)\"")
        .matcher(first);
    assertThat(next.find()).as("a next page").isTrue();
    String later = next.group(1).replace("&amp;", "&").substring(api.base().length());
    String second = atom(later);
    assertThat(entryIds(second)).containsExactly(kept.get(1).feedId(), kept.get(0).feedId());
    assertThat(tombstones(second)).as("not on later pages").isEmpty();
  }

  @Test
  void aTombstoneShowsForThirtyDaysToTheEndOfTheirLastDayAndThenLeavesWithNothingWritten() {
    api.clock.set(Instant.parse("2026-11-26T09:00:00Z"));
    Created withdrawn = create(Map.of("title", "Zurückgezogen"));
    create(Map.of("title", "Bleibt"));
    api.clock.advance(Duration.ofMinutes(1));
    Instant retractedAt = retract(withdrawn);

    api.clock.set(retractedAt.plus(Duration.ofDays(30)).plusSeconds(60));
    Reply lastDay = api.get("/feed.atom");
    assertThat(tombstones(body(lastDay, "/feed.atom"))).as("30 days and a minute: its day is not over")
        .containsExactly(withdrawn.feedId() + " " + retractedAt);
    Instant midnight = retractedAt.plus(Duration.ofDays(31)).truncatedTo(ChronoUnit.DAYS);
    assertThat(maxAge(lastDay)).as("not cached past the day's end")
        .isLessThanOrEqualTo(Duration.between(api.clock.instant(), midnight).toSeconds());
    assertThat(api.get("/feed.atom", "If-None-Match", lastDay.header("ETag")).status())
        .as("the same day: a 304").isEqualTo(304);

    api.clock.set(midnight);
    Reply after = api.get("/feed.atom", "If-None-Match", lastDay.header("ETag"));
    assertThat(after.status()).as("the tombstone left: the validator moved without a write").isEqualTo(200);
    assertThat(tombstones(body(after, "/feed.atom"))).isEmpty();
    assertThat(after.header("ETag")).isNotEqualTo(lastDay.header("ETag"));

    api.clock.advance(Duration.ofDays(1));
    Reply dayAfter = api.get("/feed.atom", "If-None-Match", after.header("ETag"));
    assertThat(dayAfter.status()).as("no change in the window any more: validators stay from day to day")
        .isEqualTo(304);
    Reply rss = api.get("/feed.rss");
    api.clock.advance(Duration.ofDays(1));
    assertThat(api.get("/feed.rss", "If-None-Match", rss.header("ETag")).status())
        .as("RSS carries no tombstones: its validators never follow the day").isEqualTo(304);
  }

  @Test
  void neverPublicNoTombstone() {
    Created draft = create(Map.of("title", "Entwurf", "status", "draft"));
    Created scheduled = create(Map.of("title", "Geplant",
        "publishAt", api.clock.instant().plus(Duration.ofDays(1)).toString()));
    Created visible = create(Map.of("title", "Sichtbar"));
    api.clock.advance(Duration.ofMinutes(1));
    retract(draft);
    retract(scheduled);
    api.clock.advance(Duration.ofDays(2));

    String atom = atom("/feed.atom");
    assertThat(tombstones(atom)).isEmpty();
    assertThat(entryIds(atom)).containsExactly(visible.feedId());
    assertThat(api.get("/releases/" + draft.id()).status()).isEqualTo(404);
    assertThat(api.get("/releases/" + scheduled.id()).status()).isEqualTo(404);
  }

  @Test
  void aHostileRetractedReleaseStillGivesAValidFeed() {
    String hostile = "\"/><at:deleted-entry ref=\"urn:uuid:x\" when=\"never\"/>]]>&amp;<![CDATA[ \u202Eevil\u202C 🐍";
    Created withdrawn = create(Map.of("title", hostile, "summary", hostile,
        "tags", List.of("<at:by>", "\"/>]]>", "&lt;&amp;", "Smart City"), "language", "de"));
    create(Map.of("title", "Bleibt", "tags", List.of("Smart City")));
    api.clock.advance(Duration.ofMinutes(1));
    Instant retractedAt = retract(withdrawn);

    for (String path : List.of("/feed.atom", "/feed.atom?tag=%3Cat%3Aby%3E", "/feed.atom?tag=%22%2F%3E%5D%5D%3E",
        "/feed.atom?tag=smart%20city&lang=de")) {
      assertThat(tombstones(atom(path))).as(path).containsExactly(withdrawn.feedId() + " " + retractedAt);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private record Created(String id, String feedId, String etag) {}

  private Created create(Map<String, Object> changes) {
    Reply reply = api.post(RunningGateway.seedWith(changes));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    String id = reply.json().get("id").asText();
    String feedId = store.find(id).orElseThrow().feedId();
    assertThat(feedId).as("the release's urn:uuid").startsWith("urn:uuid:");
    return new Created(id, feedId, reply.header("ETag"));
  }

  /** Retracts, answers the retraction time (the clock, to the millisecond). */
  private Instant retract(Created release) {
    Instant at = api.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Reply reply = api.editor("DELETE", "/releases/" + release.id(), null, "If-Match", release.etag());
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
    return at;
  }

  /** A 200 Atom page, valid and well-formed. */
  private String atom(String path) {
    return body(api.get(path), path);
  }

  private static String body(Reply reply, String path) {
    assertThat(reply.status()).as(path).isEqualTo(200);
    String atom = reply.text();
    assertThat(AtomSchema.problems(atom)).as(path + " against RFC 4287 + RFC 6721").isEmpty();
    FeedCheck.wellFormed(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')), atom, path);
    return atom;
  }

  /** "ref when" of each tombstone, in order. */
  private static List<String> tombstones(String atom) {
    List<String> found = new ArrayList<>();
    Matcher m = TOMBSTONE.matcher(atom);
    while (m.find()) {
      found.add(m.group(1) + " " + m.group(2));
    }
    assertThat(found).as("every tombstone has the expected shape")
        .hasSize(atom.split("<at:deleted-entry", -1).length - 1);
    return found;
  }

  /** The id of each entry, in order. */
  private static List<String> entryIds(String atom) {
    List<String> ids = new ArrayList<>();
    Pattern id = Pattern.compile("<id>([^<]*)</id>");
    String[] pieces = atom.split("<entry[ >]");
    for (int i = 1; i < pieces.length; i++) {
      Matcher m = id.matcher(pieces[i].substring(0, pieces[i].indexOf("</entry>")));
      assertThat(m.find()).as("entry " + i + " has an id").isTrue();
      ids.add(m.group(1));
    }
    return ids;
  }

  private static long maxAge(Reply reply) {
    Matcher m = Pattern.compile("max-age=(\\d+)").matcher(reply.header("Cache-Control"));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
