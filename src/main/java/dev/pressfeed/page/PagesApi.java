package dev.pressfeed.page;

import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.http.Conditional;
import dev.pressfeed.http.Lists;
import dev.pressfeed.http.PublicApi;
import dev.pressfeed.http.RecentResponses;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.http.Cursor;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.FeedText;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.Slug;
import dev.pressfeed.release.SortKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /} (the newsroom) and {@code GET /news/{id}} (a release page): the same releases,
 * rules and validators as {@code GET /releases}, as HTML for people, link previews and search
 * engines.
 */
public final class PagesApi {

  /**
   * Bump when the pages' markup may change, so cached copies are not kept past a deploy: page
   * ETags are made from what decides a page, not from its bytes.
   */
  static final String OUTPUT_VERSION = "2";
  static final String LIST = "pages";
  public static final String MEDIA_TYPE = "text/html; charset=utf-8";

  private final Newsroom newsroom;
  private final Site site;
  private final RecentResponses recent = new RecentResponses(64, 8L << 20);

  public PagesApi(Newsroom newsroom, Site site) {
    this.newsroom = newsroom;
    this.site = site;
  }

  public Router router() {
    return addTo(new Router());
  }

  public Router addTo(Router router) {
    return router
        .add("GET", "/", (request, params) -> index(request))
        .add("GET", "/news/{id}", (request, params) -> release(request, params.get("id")));
  }

  private Response index(Request request) {
    String tag = Lists.filter(request, "tag");
    String lang = Lists.filter(request, "lang");
    Optional<SortKey> after = Lists.after(request, LIST);
    Instant now = newsroom.now();
    FeedState state = newsroom.store().feedState();
    Instant lastModified = state.lastModified(now);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("tag", tag);
    filters.put("lang", lang);
    String etag = Conditional.validator("page-index", OUTPUT_VERSION, request.baseUrl(),
        Lists.query(filters), request.queryParam("cursor").orElse(""), site.toString(),
        Long.toString(state.edition()), Long.toString(lastModified.toEpochMilli()));
    int maxAge = newsroom.maxAgeUntilNextEmbargo(state, now, site.maxAge());
    return secured(PublicApi.cacheable(request, now, etag, lastModified, maxAge,
        () -> recent.get(etag, () -> {
          ReleaseFilter filter = new ReleaseFilter(tag, lang);
          Page page = newsroom.store().published(filter, after, site.pageSize(), now);
          // The page before ends with the release this page's cursor names, so it starts
          // after the page-size-th release newer than that one: one read of keys finds it.
          // Like the page, it follows from the releases visible at now, so the feed state the
          // ETag is made of (edition, last embargo ended) decides the link as well.
          Optional<SortKey> newer = after.flatMap(key ->
              newsroom.store().newerBy(filter, key, site.pageSize(), now));
          return html(200, Pages.index(indexView(request.baseUrl(), filters, after.isPresent(),
              newer, page)));
        })));
  }

  /**
   * @param later whether this is a page after the first
   * @param newer where the page before starts; empty when that is the first page
   */
  private IndexView indexView(String base, Map<String, String> filters, boolean later,
      Optional<SortKey> newer, Page page) {
    Words words = Words.of(site.language());
    String query = Lists.query(filters);
    String home = base + "/";
    String self = home + (query.isEmpty() ? "" : "?" + query);
    List<IndexView.Item> items = new ArrayList<>();
    for (Release release : page.items()) {
      String language = release.input().language();
      items.add(new IndexView.Item(language, release.input().title(), FeedEdition.permalink(base, release),
          LongDates.format(release.publishedAt(), language, site.zone()),
          LongDates.datetime(release.publishedAt()), release.input().location(),
          Rendering.of(release).feedSummary(), tags(base, release.input().tags())));
    }
    Optional<String> older = page.next().map(key -> pageUrl(home, filters, key));
    String newerUrl = later ? newer.map(key -> pageUrl(home, filters, key)).orElse(self) : null;
    List<Head.FeedLink> filtered = feeds(base, query, filters);
    List<Head.FeedLink> discovered = new ArrayList<>(filtered);
    if (!query.isEmpty()) {
      discovered.addAll(feeds(base, "", Map.of()));
    }
    // A filter is any text a client sends; shown, a character no release may hold (a control,
    // a non-character) is U+FFFD, as it would be in a release: raw, it is an HTML parse error.
    String tag = FeedText.clean(filters.get("tag"));
    String lang = FeedText.clean(filters.get("lang"));
    String filter = null;
    if (tag != null && lang != null) {
      filter = words.taggedWith(tag) + " · " + words.inLanguage(lang);
    } else if (tag != null) {
      filter = words.taggedWith(tag);
    } else if (lang != null) {
      filter = words.inLanguage(lang);
    }
    String title = filter == null ? site.name() : filter + " – " + site.name();
    Head head = new Head(site.language(), title, site.description(), self, site.name(), discovered,
        List.of(new Head.Meta("og:type", "website"), new Head.Meta("og:title", title),
            new Head.Meta("og:description", site.description()), new Head.Meta("og:url", self),
            new Head.Meta("og:site_name", site.name())),
        null, true, newerUrl, older.orElse(null));
    return new IndexView(head, words, site.name(), site.description(), home, filter, items,
        filtered, newerUrl, older.orElse(null));
  }

  /** The index page that starts after {@code cursor}, with the same filters. */
  private static String pageUrl(String home, Map<String, String> filters, SortKey cursor) {
    Map<String, String> params = new LinkedHashMap<>(filters);
    params.put("cursor", Cursor.encode(LIST, cursor));
    return home + "?" + Lists.query(params);
  }

  static List<ReleaseView.TagLink> tags(String base, List<String> tags) {
    return tags.stream().map(tag -> new ReleaseView.TagLink(tag,
        base + "/?" + Lists.query(Map.of("tag", tag)))).toList();
  }

  /** The three feeds of the same selection, for autodiscovery and for people. */
  private List<Head.FeedLink> feeds(String base, String query, Map<String, String> filters) {
    String suffix = query.isEmpty() ? "" : "?" + query;
    String what = filters.values().stream().filter(v -> v != null).map(FeedText::clean)
        .reduce((a, b) -> a + ", " + b)
        .map(v -> " – " + v).orElse("");
    return List.of(
        new Head.FeedLink("application/rss+xml", "RSS 2.0" + what, base + "/feed.rss" + suffix),
        new Head.FeedLink("application/atom+xml", "Atom" + what, base + "/feed.atom" + suffix),
        new Head.FeedLink("application/feed+json", "JSON Feed" + what, base + "/feed.json" + suffix));
  }

  /**
   * Renders a release page and a newsroom page of {@code release} without a store: the class
   * loading (templates, locale data, JSON-LD) a container's first request would otherwise do.
   * Also what a page's answer needs around its rendering, which the request thread would
   * otherwise load after the store's first call: the visibility checks, a page's validator (the
   * site record's generated {@code toString}, SHA-256), its HTTP date, a next-page cursor, and
   * English dates beside the release's German ones (English is the default newsroom language,
   * and an index lists releases in several).
   */
  public static void rehearse(Release release, String baseUrl) {
    Site site = new Site("Warm-up", "Warm-up", "de", java.time.ZoneOffset.UTC, 20, 0);
    PagesApi pages = new PagesApi(null, site);
    Instant now = Instant.now();
    if (release.wasPublicBeforeRetraction() || !release.isVisible(now)) {
      throw new IllegalArgumentException("rehearse a visible release");
    }
    Conditional.validator("page-release", OUTPUT_VERSION, baseUrl, site.toString(), release.id(),
        Long.toString(release.version()));
    Conditional.httpDate(release.updatedAt());
    Pages.release(ReleaseView.of(release, baseUrl, site, pages.feeds(baseUrl, "", Map.of())));
    Pages.index(pages.indexView(baseUrl, new LinkedHashMap<>(), false, Optional.empty(),
        new Page(List.of(release), Optional.of(SortKey.of(release.publishedAt(), release.id())))));
    LongDates.format(now, "en", site.zone());
    Pages.problem(new ErrorView(pages.errorHead("de", "x"), Words.GERMAN, "x", baseUrl, "x", "x"));
  }

  private Response release(Request request, String id) {
    Instant now = newsroom.now();
    if (!Slug.isWellFormedId(id)) {
      return missing(request, now);
    }
    if (request.header("if-none-match").isPresent() || request.header("if-modified-since").isPresent()) {
      // A poll: the release's small head decides a 304, as for GET /releases/{id}.
      Optional<ReleaseHead> head = newsroom.store().head(id);
      if (head.isPresent() && head.get().isVisible(now)) {
        String etag = pageEtag(request, id, head.get().version());
        if (Conditional.notModified(request, etag, head.get().updatedAt(), now)) {
          return secured(PublicApi.cacheable(request, now, etag, head.get().updatedAt(), site.maxAge(),
              () -> { throw new IllegalStateException("answered 304"); }));
        }
      }
    }
    Optional<Release> found = newsroom.store().find(id);
    if (found.isPresent() && found.get().wasPublicBeforeRetraction()) {
      return withdrawn(request, now, found.get());
    }
    if (found.isEmpty() || !found.get().isVisible(now)) {
      return missing(request, now);
    }
    Release release = found.get();
    String base = request.baseUrl();
    return secured(PublicApi.cacheable(request, now, pageEtag(request, id, release.version()),
        release.updatedAt(), site.maxAge(),
        () -> html(200, Pages.release(ReleaseView.of(release, base, site, feeds(base, "", Map.of()))))));
  }

  private String pageEtag(Request request, String id, long version) {
    return Conditional.validator("page-release", OUTPUT_VERSION, request.baseUrl(), site.toString(),
        id, Long.toString(version));
  }

  /** The same page, byte for byte, for an unknown, a draft and an embargoed id. */
  private Response missing(Request request, Instant now) {
    Words words = Words.of(site.language());
    return problemPage(request, now, 404, new ErrorView(
        errorHead(site.language(), words.notFoundTitle()), words, site.name(),
        request.baseUrl() + "/", words.notFoundTitle(), words.notFoundText()));
  }

  /**
   * That a release was withdrawn and when, in its language; nothing of what it said. In a
   * language the pages have no words for, the page is English throughout, its date too: the
   * page's {@code lang} must name the language it is written in.
   */
  private Response withdrawn(Request request, Instant now, Release release) {
    Words words = Words.of(release.input().language());
    String language = words.speak(release.input().language()) ? release.input().language() : words.lang();
    String when = LongDates.format(release.updatedAt(), language, site.zone());
    return problemPage(request, now, 410, new ErrorView(errorHead(language, words.goneTitle()),
        words, site.name(), request.baseUrl() + "/", words.goneTitle(), words.withdrawnOn(when)));
  }

  private Head errorHead(String language, String title) {
    return new Head(language, title + " – " + site.name(), null, null, site.name(), List.of(),
        List.of(), null, false, null, null);
  }

  /** An error page, cached no longer than the next embargo end (an embargoed id turns 200 then). */
  private Response problemPage(Request request, Instant now, int status, ErrorView view) {
    int maxAge = newsroom.maxAgeUntilNextEmbargo(newsroom.store().feedState(), now, site.maxAge());
    return secured(html(status, Pages.problem(view))
        .withHeader("Cache-Control", "public, max-age=" + maxAge));
  }

  private static Response html(int status, byte[] body) {
    return new Response(status, Map.of("Content-Type", MEDIA_TYPE), body);
  }

  /** What every page answer carries, a 304 included: no script, no sniffing, a short referrer. */
  static Response secured(Response response) {
    return response
        .withHeader("Content-Security-Policy", Style.CONTENT_SECURITY_POLICY)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  }
}
