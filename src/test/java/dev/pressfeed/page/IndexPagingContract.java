package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseStore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The newsroom's paging as a reader meets it, through the pages router: from the first page
 * {@code rel="next"} to the last, then {@code rel="prev"} (the head's link and the visible
 * "Newer releases" alike) back through the very same pages to the first, filtered and not, and
 * a page's ETag covering its links. Each store's test supplies a fresh, empty store.
 */
abstract class IndexPagingContract {

  static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
  static final String BASE = "https://presse.example";
  static final int SIZE = 3;

  protected final TestClock clock = new TestClock(START);
  protected Newsroom newsroom;
  protected Router pages;
  /** The visible releases, newest first. */
  protected final List<Release> visible = new ArrayList<>();
  protected Release scheduled;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Closes what {@link #emptyStore} opened. */
  protected abstract void closeStore() throws Exception;

  /**
   * Twenty visible releases, an hour apart: even ones tagged Energie, odd ones Verkehr; two in
   * four German, the others English. So "Energie" and "de" list ten each, both together five.
   * Beside them what the index never shows: a draft, a retracted release and one scheduled an
   * hour ahead, all of them Energie and German.
   */
  @BeforeEach
  void openNewsroom() throws Exception {
    Application application = new Application(
        Config.from(Map.of("FEED_SIZE", Integer.toString(SIZE), "FEED_LANGUAGE", "de")),
        emptyStore(), clock);
    newsroom = application.newsroom();
    pages = application.pagesRouter();
    for (int i = 0; i < 20; i++) {
      visible.add(0, newsroom.create(Fixtures.input("Meldung " + i,
          START.minus(Duration.ofHours(21 - i)).toString(),
          List.of(i % 2 == 0 ? "Energie" : "Verkehr"), i % 4 < 2 ? "de" : "en")));
    }
    newsroom.create(Fixtures.draft(Fixtures.input("Entwurf",
        START.minus(Duration.ofMinutes(150)).toString(), List.of("Energie"), "de")));
    Release retracted = newsroom.create(Fixtures.input("Zurückgezogen",
        START.minus(Duration.ofMinutes(270)).toString(), List.of("Energie"), "de"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.retract(retracted))).isTrue();
    scheduled = newsroom.create(Fixtures.input("Sperrfrist",
        START.plus(Duration.ofHours(1)).toString(), List.of("Energie"), "de"));
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  @Test
  void nextLinksThenPrevLinksVisitTheSamePagesInReverse() {
    for (String first : List.of("/", "/?tag=Energie", "/?lang=de", "/?tag=energie&lang=DE")) {
      List<Shown> forward = new ArrayList<>();
      Optional<String> next = Optional.of(BASE + first);
      while (next.isPresent()) {
        Shown page = get(next.get());
        forward.add(page);
        assertThat(forward).as(first + ": paging must end").hasSizeLessThan(20);
        next = page.next();
      }
      assertThat(forward.get(0).prev()).as(first + ": the first page has none").isEmpty();
      assertThat(forward.stream().flatMap(p -> p.items().stream()).toList()).as(first)
          .containsExactlyElementsOf(expected(first));
      assertThat(forward.size()).as(first + ": first, second, third and last page at least")
          .isGreaterThanOrEqualTo(first.equals("/?tag=energie&lang=DE") ? 2 : 4);

      Shown page = forward.get(forward.size() - 1);
      for (int i = forward.size() - 2; i >= 0; i--) {
        String prev = page.prev().orElseThrow(() -> new AssertionError(first + ": no prev link"));
        assertThat(prev).as(first + ": back to page " + (i + 1)).isEqualTo(forward.get(i).url());
        page = get(prev);
        assertThat(page.items()).as(first + ": page " + (i + 1) + " again")
            .isEqualTo(forward.get(i).items());
      }
      assertThat(page.prev()).isEmpty();
    }
  }

  @Test
  void fromPageTwoNewerLeadsToTheFirstPageItself() {
    for (String first : List.of("/", "/?tag=Energie", "/?tag=energie&lang=de")) {
      Shown second = get(get(BASE + first).next().orElseThrow());

      assertThat(second.prev()).as(first).contains(BASE + first);
    }
  }

  /**
   * The link to the page before is made from the releases visible now, as the page is: the
   * feed state the ETag comes from moves whenever it can change. A draft or a scheduled release
   * moves neither; an embargo's end moves both. Page two shows it: its page before is the first
   * page until a release is published on top, then the page of the three just newer.
   */
  @Test
  void aPagesEtagCoversItsLinkToThePageBefore() {
    String second = get(BASE + "/").next().orElseThrow();
    Response before = pages.handle(request(second, Map.of()));
    String etag = before.headers().get("ETag");
    Shown shown = shown(second, before);
    assertThat(shown.prev()).contains(BASE + "/");

    newsroom.create(Fixtures.draft(Fixtures.input("Noch ein Entwurf", null, List.of(), "de")));
    newsroom.create(Fixtures.input("Später", START.plus(Duration.ofHours(2)).toString(),
        List.of(), "de"));
    clock.advance(Duration.ofMinutes(5));
    Response unchanged = pages.handle(request(second, Map.of()));
    assertThat(unchanged.headers().get("ETag")).isEqualTo(etag);
    assertThat(unchanged.bodyText()).isEqualTo(before.bodyText());
    assertThat(pages.handle(request(second, Map.of("if-none-match", etag))).status())
        .isEqualTo(304);

    clock.set(scheduled.publishedAt());
    Response after = pages.handle(request(second, Map.of("if-none-match", etag)));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.headers().get("ETag")).isNotEqualTo(etag);
    Shown moved = shown(second, after);
    assertThat(moved.items()).as("the releases older than its cursor").isEqualTo(shown.items());
    assertThat(moved.prev()).isPresent().isNotEqualTo(shown.prev());
    Shown newer = get(moved.prev().orElseThrow());
    assertThat(newer.items()).containsExactlyElementsOf(
        ids(visible.get(0), visible.get(1), visible.get(2)));
    assertThat(newer.next()).contains(second);
    assertThat(newer.prev()).contains(BASE + "/");
    assertThat(get(BASE + "/").items()).containsExactlyElementsOf(
        ids(scheduled, visible.get(0), visible.get(1)));
  }

  @Test
  void aCursorWhoseReleaseWasRetractedSinceStillLeadsBack() {
    Shown first = get(BASE + "/");
    Shown second = get(first.next().orElseThrow());
    Shown third = get(second.next().orElseThrow());
    clock.advance(Duration.ofMinutes(1));
    Release last = visible.get(2 * SIZE - 1);
    assertThat(second.items().get(SIZE - 1)).isEqualTo(last.id());
    assertThat(newsroom.save(newsroom.retract(last))).isTrue();

    Shown again = get(third.url());
    assertThat(again.items()).isEqualTo(third.items());
    assertThat(again.prev()).contains(second.url());
    Shown before = get(again.prev().orElseThrow());
    assertThat(before.items()).containsExactly(visible.get(3).id(), visible.get(4).id(),
        visible.get(6).id());
    assertThat(before.prev()).contains(BASE + "/");
  }

  /** One index page as a reader's browser sees it. */
  record Shown(String url, List<String> items, Optional<String> prev, Optional<String> next) {}

  protected Shown get(String url) {
    Response response = pages.handle(request(url, Map.of()));
    assertThat(response.status()).as(url).isEqualTo(200);
    return shown(url, response);
  }

  /** Reads the links the head and the page's own navigation give, which must agree. */
  private static Shown shown(String url, Response response) {
    Document page = Jsoup.parse(response.bodyText(), url);
    Optional<String> prev = link(page, "prev");
    Optional<String> next = link(page, "next");
    List<String> items = page.select("main article h2 a").stream()
        .map(a -> a.attr("href").substring((BASE + "/news/").length())).toList();
    return new Shown(url, items, prev, next);
  }

  private static Optional<String> link(Document page, String rel) {
    Optional<String> head = page.select("head link[rel=" + rel + "]").stream()
        .map(e -> e.attr("href")).findFirst();
    Optional<String> visible = page.select("nav.pages a[rel=" + rel + "]").stream()
        .map(e -> e.attr("href")).findFirst();
    assertThat(visible).as("the visible " + rel + " link and the head's").isEqualTo(head);
    assertThat(page.select("link[rel=" + rel + "]")).hasSizeLessThanOrEqualTo(1);
    visible.ifPresent(href -> assertThat(page.select("nav.pages a[rel=" + rel + "]")
        .stream().map(Element::text).findFirst().orElseThrow())
        .isEqualTo(rel.equals("prev") ? Words.GERMAN.newer() : Words.GERMAN.older()));
    return head;
  }

  /** The releases {@code path} must list, newest first. */
  private List<String> expected(String path) {
    Map<String, String> query = query(BASE + path);
    return visible.stream()
        .filter(r -> query.get("tag") == null
            || r.input().tags().stream().anyMatch(t -> t.equalsIgnoreCase(query.get("tag"))))
        .filter(r -> query.get("lang") == null
            || r.input().language().equalsIgnoreCase(query.get("lang")))
        .map(Release::id).toList();
  }

  private static List<String> ids(Release... releases) {
    return java.util.Arrays.stream(releases).map(Release::id).toList();
  }

  static Request request(String url, Map<String, String> headers) {
    assertThat(url).startsWith(BASE + "/");
    return new Request("GET", URI.create(url).getRawPath(), query(url), headers, null,
        Optional.empty(), BASE);
  }

  /** The query parameters of {@code url}, decoded, as the gateways deliver them. */
  static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = URI.create(url).getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}
