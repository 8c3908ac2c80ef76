package dev.pressfeed.http;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.ReleaseStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API as the Lambda functions and the local gateway run it, without the transport: an
 * {@link Application} over a real store, requests handed to its routers (so validation, problem
 * mapping and feed paging are the production code's), and the feeds read page by page the way
 * a reader does, following each page's next link and checking every page with {@link FeedCheck}.
 */
final class PressOffice {

  static final String BASE = "https://press.example";
  static final List<String> FEEDS = List.of("/feed.rss", "/feed.atom", "/feed.json");

  private final TestClock clock = new TestClock(Instant.parse("2026-01-05T08:00:00Z"));
  private final ReleaseStore store;
  private final Router editor;
  private final Router feeds;

  /** @param feedSize {@code FEED_SIZE}: small, so that a few releases make several pages */
  PressOffice(ReleaseStore store, int feedSize) {
    this.store = store;
    Application application = new Application(
        Config.from(Map.of("FEED_SIZE", Integer.toString(feedSize))), store, clock);
    this.editor = application.editorRouter();
    this.feeds = application.feedRouter();
  }

  ReleaseStore store() {
    return store;
  }

  /** {@code POST /releases} as an authenticated editor; the clock then moves on a minute. */
  Response post(byte[] json) {
    Response response = editor.handle(new Request("POST", "/releases", Map.of(),
        Map.of("content-type", "application/json"), json,
        Optional.of(new Request.Editor("property-test")), BASE));
    clock.advance(Duration.ofMinutes(1));
    return response;
  }

  Response post(String json) {
    return post(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A public {@code GET} of a feed with this query (values as API Gateway hands them over: decoded). */
  Response get(String path, Map<String, String> query) {
    return feeds.handle(new Request("GET", path, query, Map.of(), null, Optional.empty(), BASE));
  }

  /**
   * What a refused request must leave as it was: the feed state, which every write moves
   * before it stores anything, and the newest release in the editors' list.
   */
  String editorsView() {
    Response list = editor.handle(new Request("GET", "/editor/releases", Map.of("limit", "1"),
        Map.of(), null, Optional.of(new Request.Editor("property-test")), BASE));
    return list.status() + " " + list.bodyText() + " " + store.feedState();
  }

  /**
   * Every page of one feed with one filter, from the first to the last, each answered 200 and
   * well-formed (an {@link AssertionError} naming the page otherwise). Returns the page count.
   */
  int walk(String path, Map<String, String> filter) {
    Map<String, String> query = new LinkedHashMap<>(filter);
    int pages = 0;
    while (true) {
      Response page = get(path, query);
      pages++;
      String where = path + " " + query + " (page " + pages + ")";
      if (page.status() != 200) {
        throw new AssertionError(where + " answered " + page.status() + ": " + page.bodyText());
      }
      Optional<String> next = FeedCheck.wellFormed(path, page.bodyText(), where);
      if (next.isEmpty()) {
        return pages;
      }
      query = FeedCheck.queryOf(next.get(), BASE + path, where);
      if (pages > 10_000) {
        throw new AssertionError(where + ": the next links do not end");
      }
    }
  }

  /** {@link #walk} over the three formats; the pages read in all. */
  int walkAllFormats(Map<String, String> filter) {
    int pages = 0;
    for (String feed : FEEDS) {
      pages += walk(feed, filter);
    }
    return pages;
  }

  static List<Map<String, String>> filters(List<String> tags, String language) {
    List<Map<String, String>> filters = new ArrayList<>();
    filters.add(Map.of());
    for (String tag : tags) {
      filters.add(Map.of("tag", tag));
    }
    filters.add(Map.of("lang", language));
    return filters;
  }
}
