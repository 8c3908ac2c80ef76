package dev.pressfeed.page;

import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.http.Conditional;
import dev.pressfeed.http.Problem;
import dev.pressfeed.http.PublicApi;
import dev.pressfeed.http.RecentResponses;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.FieldError;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /sitemap.xml} and {@code GET /robots.txt}: every visible release page for search
 * engines, the newest ones also for Google News, and where to find them.
 *
 * <p><b>What it lists.</b> The newsroom ({@code /}) and every visible release's page
 * ({@code /news/{id}}) with its last change as {@code lastmod}, oldest first; a release published
 * less than {@link #NEWS_WINDOW} ago also carries a Google News entry (at most {@link #MAX_NEWS},
 * Google's limit per sitemap). A sitemap holds at most {@code maxUrls} URLs (50 000, the
 * protocol's limit) and {@code maxBytes} bytes (5 MB: Lambda answers at most 6 MB, see {@code
 * FeedApi.MAX_BODY_BYTES}); past either, {@code /sitemap.xml} is a sitemap index naming parts
 * {@code /sitemap.xml?part=1…n}. Parts are cut from the oldest release on, so new releases only
 * ever change the last part or add one.
 *
 * <p><b>What it reads.</b> The feed state (one small item) decides everything else, as for every
 * public read. The archive — each visible release's id, publication time and last change — comes
 * from the store's small archive index ({@link dev.pressfeed.release.ReleaseStore#archive}),
 * once per public edition and container; the releases themselves only for the two-day window
 * ({@link dev.pressfeed.release.ReleaseStore#publishedSince}), when a body is rendered.
 *
 * <p><b>Validators.</b> The news window moves with the clock: an entry leaves it two days after
 * its publication although nothing was written. So the window moves on the hour (it holds what
 * was published in the two days before the current hour began), the ETag holds that hour,
 * {@code Last-Modified} is the later of the feed state's and the hour's start, and
 * {@code max-age} reaches neither past the next embargo end nor past the next hour. The
 * validators so come from the feed state and the clock alone, and a 304 costs the feed state's
 * read only, as every public read's. A crawler re-reads the sitemap at most once an hour.
 */
public final class SitemapApi {

  public static final String XML = "application/xml; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";
  /** The sitemaps protocol's most URLs in one file. */
  public static final int MAX_URLS = 50_000;
  /** The most bytes one answer holds: what fits a Lambda response, as for the feeds. */
  public static final int MAX_BYTES = 5_000_000;
  /** Google News lists articles of the last two days. */
  static final Duration NEWS_WINDOW = Duration.ofDays(2);
  /** Google News reads at most 1 000 {@code news:news} entries per sitemap. */
  static final int MAX_NEWS = 1_000;
  /** Bump when the output may change for the same data, so caches do not outlive a deploy. */
  static final String OUTPUT_VERSION = "1";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
  /** Up to nine digits: any part number there can be, and no overflow. */
  private static final int MAX_PART_DIGITS = 9;

  private final Newsroom newsroom;
  private final String publication;
  private final int maxAge;
  private final int maxUrls;
  private final int maxBytes;
  /** robots.txt says the same from the start of a container: its {@code Last-Modified}. */
  private final Instant started;
  private final RecentResponses recent = new RecentResponses(16, 32L << 20);
  /** The archive of the edition last read, and the sitemap last planned from it. */
  private volatile Archive archive;
  private volatile Plan plan;

  /**
   * @param publication the publication's name in Google News entries ({@code FEED_TITLE})
   * @param maxAge      {@code Cache-Control} max-age ({@code FEED_MAX_AGE})
   */
  public SitemapApi(Newsroom newsroom, String publication, int maxAge) {
    this(newsroom, publication, maxAge, MAX_URLS, MAX_BYTES);
  }

  /** With smaller files, so tests can see parts without writing 50 000 releases. */
  public SitemapApi(Newsroom newsroom, String publication, int maxAge, int maxUrls, int maxBytes) {
    if (maxUrls < 2 || maxBytes < 1) {
      throw new IllegalArgumentException("a sitemap needs room for two URLs");
    }
    this.newsroom = newsroom;
    this.publication = publication;
    this.maxAge = maxAge;
    this.maxUrls = maxUrls;
    this.maxBytes = maxBytes;
    this.started = newsroom.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Adds {@code GET /sitemap.xml} and {@code GET /robots.txt} (and so their HEAD routes). */
  public Router addTo(Router router) {
    return router
        .add("GET", "/sitemap.xml", (request, params) -> sitemap(request))
        .add("GET", "/robots.txt", (request, params) -> robots(request));
  }

  /**
   * Writes a sitemap with a news entry and a sitemap index without a store: the JDK's StAX
   * writer and its UTF-8 encoder, which a container's first sitemap would otherwise load.
   *
   * @return the sitemap written
   */
  public static byte[] rehearse(String baseUrl) {
    Instant at = Instant.parse("2020-09-14T10:00:00Z");
    SitemapXml.index(List.of(new SitemapXml.Part(baseUrl + "/sitemap.xml?part=1", at)));
    return SitemapXml.urlset(List.of(new SitemapXml.Url(baseUrl + "/", at,
        new SitemapXml.News("Warm-up", "de", at, "Warm-up & <Probe>\r"))));
  }

  /**
   * Allows everything and names the sitemap. It shows no release, so it reads nothing: its ETag
   * is its content's, its {@code Last-Modified} the container's start.
   */
  private Response robots(Request request) {
    String text = "User-agent: *\nAllow: /\n\nSitemap: " + request.baseUrl() + "/sitemap.xml\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return PagesApi.secured(PublicApi.cacheable(request, newsroom.now(), Conditional.etagOf(body),
        started, maxAge, () -> new Response(200, Map.of("Content-Type", TEXT), body)));
  }

  private Response sitemap(Request request) {
    Optional<Integer> part = part(request);
    Instant now = newsroom.now();
    FeedState state = newsroom.store().feedState();
    Instant lastModified = state.lastModified(now);
    // The news window moves on the hour, so the validators come from the feed state and the
    // clock alone: a 304 costs the feed state's read and nothing else (SPEC §5).
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    Instant modified = hour.isAfter(lastModified) ? hour : lastModified;
    int age = Math.min(newsroom.maxAgeUntilNextEmbargo(state, now, maxAge),
        (int) Math.max(0, Duration.between(now, hour.plus(Duration.ofHours(1))).toSeconds()));
    String etag = Conditional.validator("sitemap", OUTPUT_VERSION, request.baseUrl(),
        part.map(String::valueOf).orElse(""), publication, Integer.toString(maxUrls),
        Integer.toString(maxBytes), Long.toString(state.edition()),
        Long.toString(lastModified.toEpochMilli()), Long.toString(hour.getEpochSecond()));
    return PagesApi.secured(PublicApi.cacheable(request, now, etag, modified, age,
        () -> recent.get(etag, () -> {
          Archive archive = archive(state.edition(), lastModified, now);
          return render(request.baseUrl(), part, archive, Window.of(archive.heads(), hour), now);
        })));
  }

  /**
   * {@code ?part=}: absent, or a whole number from 1 (400 otherwise). Beyond the last part is 404,
   * decided when the parts are known; a number too long to be one is 404 right away.
   */
  private static Optional<Integer> part(Request request) {
    Optional<String> raw = request.queryParam("part");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String value = raw.get();
    if (WHOLE_NUMBER.matcher(value).matches()) {
      String digits = value.replaceFirst("^0+(?=.)", "");
      if (digits.length() > MAX_PART_DIGITS) {
        throw noSuchPart();
      }
      int n = Integer.parseInt(digits);
      if (n >= 1) {
        return Optional.of(n);
      }
    }
    throw Problem.badRequest("part must be a whole number from 1.",
        List.of(new FieldError("part", "must be a whole number from 1"))).raise();
  }

  private static Problem.ProblemException noSuchPart() {
    return Problem.notFound("This sitemap has no such part; /sitemap.xml names them all.").raise();
  }

  /** This edition's archive: the one read last, or a new read of the store. */
  private Archive archive(long edition, Instant lastModified, Instant now) {
    Archive last = archive;
    if (last != null && last.edition() == edition && last.lastModified().equals(lastModified)) {
      return last;
    }
    Archive read = new Archive(edition, lastModified, newsroom.store().archive(now));
    archive = read;
    return read;
  }

  private Response render(String base, Optional<Integer> part, Archive archive, Window window,
      Instant now) {
    Plan plan = plan(base, archive, window, now);
    byte[] body;
    if (part.isPresent()) {
      if (part.get() > plan.parts().size()) {
        throw noSuchPart();
      }
      body = SitemapXml.urlset(plan.part(part.get()));
    } else if (plan.parts().size() == 1) {
      body = SitemapXml.urlset(plan.part(1));
    } else {
      List<SitemapXml.Part> parts = new ArrayList<>();
      for (int n = 1; n <= plan.parts().size(); n++) {
        parts.add(new SitemapXml.Part(base + "/sitemap.xml?part=" + n, plan.lastModified(n)));
      }
      body = SitemapXml.index(parts);
    }
    return new Response(200, Map.of("Content-Type", XML), body);
  }

  /** The urls of this edition, window and base, and where the parts begin: made once for all parts. */
  private Plan plan(String base, Archive archive, Window window, Instant now) {
    Plan last = plan;
    if (last != null && last.archive() == archive && last.base().equals(base)
        && last.windowStart() == window.start()) {
      return last;
    }
    List<ReleaseHead> heads = archive.heads();
    Map<String, Release> recent = new HashMap<>();
    if (window.start() < heads.size()) {
      for (Release release : newsroom.store().publishedSince(window.since(), MAX_NEWS, now)) {
        recent.put(release.id(), release);
      }
    }
    List<SitemapXml.Url> urls = new ArrayList<>(heads.size() + 1);
    // The newsroom page changes with the public view, not with the news window.
    Instant newsroomChanged = archive.lastModified();
    urls.add(new SitemapXml.Url(base + "/",
        newsroomChanged.equals(Instant.EPOCH) ? null : newsroomChanged, null));
    for (int i = 0; i < heads.size(); i++) {
      ReleaseHead head = heads.get(i);
      Release release = i >= window.start() ? recent.get(head.id()) : null;
      SitemapXml.News news = release == null ? null : new SitemapXml.News(publication,
          primaryLanguage(release.input().language()), release.publishedAt(), release.input().title());
      urls.add(new SitemapXml.Url(FeedEdition.permalink(base, head.id()), head.updatedAt(), news));
    }
    Plan made = new Plan(archive, base, window.start(), urls, cut(SitemapXml.sizes(urls)));
    plan = made;
    return made;
  }

  /** Greedy from the oldest: a part ends where one more url would pass either limit. */
  private List<Integer> cut(SitemapXml.Sizes sizes) {
    List<Integer> starts = new ArrayList<>();
    long bytes = 0;
    int count = 0;
    for (int i = 0; i < sizes.urls().length; i++) {
      if (count == 0 || count == maxUrls || bytes + sizes.urls()[i] > maxBytes) {
        starts.add(i);
        bytes = sizes.frame();
        count = 0;
      }
      bytes += sizes.urls()[i];
      count++;
    }
    return starts;
  }

  /** {@code de} of {@code de-DE}, as Google News names languages. */
  static String primaryLanguage(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  /** Every visible release's head, oldest first, as of one public edition. */
  private record Archive(long edition, Instant lastModified, List<ReleaseHead> heads) {}

  /**
   * Where the news window starts in an archive at some moment, and when it last and next moves.
   *
   * @param start     the index of the first head published less than two days ago
   * @param since     the earliest publication time inside the window
   * @param lastLeft  when the newest release before the window left it
   * @param nextLeaves when the oldest release inside the window leaves it
   */
  private record Window(int start, Instant since, Optional<Instant> lastLeft,
      Optional<Instant> nextLeaves) {

    /** @param hour the window's end: the current hour's start, so it moves on the hour only */
    static Window of(List<ReleaseHead> heads, Instant hour) {
      Instant since = hour.minus(NEWS_WINDOW).plusMillis(1);
      int low = 0;
      int high = heads.size();
      while (low < high) { // heads are in time order: the first one at or after since
        int middle = (low + high) >>> 1;
        if (heads.get(middle).visibleFrom().isBefore(since)) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      int start = low;
      return new Window(start, since,
          start > 0 ? Optional.of(heads.get(start - 1).visibleFrom().plus(NEWS_WINDOW)) : Optional.empty(),
          start < heads.size() ? Optional.of(heads.get(start).visibleFrom().plus(NEWS_WINDOW)) : Optional.empty());
    }
  }

  /**
   * One sitemap as planned: its urls (the newsroom first, then the releases oldest first) and the
   * index where each part begins.
   */
  private record Plan(Archive archive, String base, int windowStart, List<SitemapXml.Url> urls,
      List<Integer> parts) {

    /** The urls of part {@code n}, from 1. */
    List<SitemapXml.Url> part(int n) {
      int end = n < parts.size() ? parts.get(n) : urls.size();
      return urls.subList(parts.get(n - 1), end);
    }

    /** The latest change in part {@code n}. */
    Instant lastModified(int n) {
      Instant latest = null;
      for (SitemapXml.Url url : part(n)) {
        if (url.lastModified() != null && (latest == null || url.lastModified().isAfter(latest))) {
          latest = url.lastModified();
        }
      }
      return latest;
    }
  }
}
