package dev.pressfeed.http;

import dev.pressfeed.audience.Recorder;
import dev.pressfeed.audience.Report;
import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.feed.Tombstone;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.FeedText;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.release.SortKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /feed.rss}, {@code /feed.atom}, {@code /feed.json}: one edition, three formats.
 * Validators come from the {@link FeedState} alone, so a poll of an unchanged feed costs one
 * small read and no query or render; {@code ?cursor=} pages through the archive (RFC 5005).
 */
public final class FeedApi {

  /**
   * Bump when the rendered output may change, so cached copies are not kept past a deploy.
   * 2: entries carry the rendering stored at write time ({@code Rendering.VERSION} 1).
   * 3: a page holds fewer entries when they would not fit {@link #MAX_BODY_BYTES}.
   * 4: JSON Feed ends with a newline; validators from the public edition.
   * 5: entries hold only characters every feed can carry ({@code Rendering.VERSION} 2).
   * 6: links lead to pages ({@code /news/{id}}, the newsroom at {@code /}), not the JSON API;
   *    a filtered feed names its tag in its title and carries its {@code lang} as its language.
   * 7: {@code rel="self"} is the feed's canonical URL (SPEC §10); the WebSub hub, when set.
   * 8: the first page of an Atom feed signals recent withdrawals (RFC 6721, SPEC §10).
   */
  private static final String OUTPUT_VERSION = "8";
  static final String LIST = "feed";

  /**
   * The most a feed page's body may hold. Lambda refuses a function response above 6 MB, and
   * the body travels inside the response's JSON, where quotes and line breaks grow by escaping:
   * twenty releases of 60 000 emoji each make an RSS page of 10.8 MB (XML writes each as a
   * character reference). Such a page holds fewer entries, and its next link (RFC 5005, JSON
   * Feed {@code next_url}) continues after the last one it holds.
   */
  static final int MAX_BODY_BYTES = 5_000_000;

  /**
   * The channel's fixed description, from configuration.
   *
   * @param hub the WebSub hub every feed advertises ({@code WEBSUB_HUB_URL}), if any
   */
  public record Channel(String title, String description, String language, int size, int maxAge,
      Optional<String> hub) {

    /** A channel that advertises no hub. */
    public Channel(String title, String description, String language, int size, int maxAge) {
      this(title, description, language, size, maxAge, Optional.empty());
    }

    /**
     * What a feed filtered by {@code tag} calls itself, so that a reader subscribed to several
     * tells them apart: "Pressfeed – Förderung". The tag is shown as requested (it may match
     * releases in another case), with any character a feed cannot carry replaced, as a
     * release's own text would be: a client chooses the query, and no query may break a feed.
     */
    String titleFor(String tag) {
      return tag == null ? title : title + " – " + FeedText.clean(tag);
    }

    /**
     * The language of a feed filtered by {@code lang}: the requested tag, when it is a well-formed
     * BCP 47 tag (the rule FEED_LANGUAGE and a release's language follow, and what Atom's
     * {@code xml:lang} and JSON Feed's {@code language} require); otherwise FEED_LANGUAGE,
     * which such a feed keeps since no stored release can match it anyway.
     */
    String languageFor(String lang) {
      return lang != null && isLanguageTag(lang) ? lang : language;
    }
  }

  private final Newsroom newsroom;
  private final Channel channel;
  /** Built by the first fetch whose agent reports subscribers (SPEC §11). */
  private volatile Recorder recorder;
  // 16 MiB holds every format of a few dozen feed pages even at FEED_SIZE=100.
  private final RecentResponses recent = new RecentResponses(64, 16L << 20);

  public FeedApi(Newsroom newsroom, Channel channel) {
    this.newsroom = newsroom;
    this.channel = channel;
  }

  public Router router() {
    return new Router()
        .add("GET", "/feed.rss", (request, params) -> feed(request, RssFeed.MEDIA_TYPE, RssFeed::render, false))
        .add("GET", "/feed.atom", (request, params) -> feed(request, AtomFeed.MEDIA_TYPE, AtomFeed::render, true))
        .add("GET", "/feed.json", (request, params) -> feed(request, JsonFeed.MEDIA_TYPE, JsonFeed::render, false));
  }

  /**
   * @param signalsWithdrawals whether the format carries RFC 6721 tombstones (Atom only, SPEC
   *                           §10): its first page then also depends on the UTC day (see
   *                           {@link #withdrawalDay})
   */
  private Response feed(Request request, String mediaType, Function<FeedEdition, String> renderer,
      boolean signalsWithdrawals) {
    String tag = Lists.filter(request, "tag");
    String lang = Lists.filter(request, "lang");
    Optional<SortKey> after = Lists.after(request, LIST);
    Instant now = newsroom.now();
    FeedState state = newsroom.store().feedState();
    Instant lastModified = state.lastModified(now);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("tag", tag);
    filters.put("lang", lang);
    Optional<Instant> day = signalsWithdrawals && after.isEmpty()
        ? withdrawalDay(lastModified, now) : Optional.empty();
    List<String> decides = new ArrayList<>(List.of(OUTPUT_VERSION, request.path(), request.baseUrl(),
        Lists.query(filters), request.queryParam("cursor").orElse(""), channel.toString(),
        Long.toString(state.edition()), Long.toString(lastModified.toEpochMilli())));
    day.ifPresent(d -> decides.add(d.toString()));
    String etag = Conditional.validator(decides.toArray(String[]::new));
    int maxAge = newsroom.maxAgeUntilNextEmbargo(state, now, channel.maxAge());
    if (day.isPresent()) {
      // Not cached past the moment a tombstone may leave the page.
      long untilTomorrow = Duration.between(now, day.get().plus(Duration.ofDays(1))).toSeconds();
      maxAge = (int) Math.max(0, Math.min(maxAge, untilTomorrow));
    }
    Response answer = PublicApi.cacheable(request, now, etag, lastModified, maxAge, () -> recent.get(etag, () -> {
      ReleaseFilter filter = new ReleaseFilter(tag, lang);
      Page page = newsroom.store().published(filter, after, channel.size(), now);
      List<Release> entries = page.items();
      Optional<SortKey> next = page.next();
      // Read only when a first page is rendered: a 304 stays the one small read.
      List<Tombstone> tombstones = day.isEmpty() ? List.of()
          : newsroom.store().retractedSince(Tombstone.shownSince(now), Tombstone.MAX).stream()
              .filter(filter).map(Tombstone::of).toList();
      byte[] body = render(request, filters, entries, next, lastModified, tombstones, renderer);
      while (body.length > MAX_BODY_BYTES && entries.size() > 1) {
        // Fewer entries, in proportion to the excess; the next page starts after the last kept.
        int keep = Math.min(entries.size() - 1,
            Math.max(1, (int) ((long) entries.size() * MAX_BODY_BYTES / body.length)));
        entries = entries.subList(0, keep);
        next = Optional.of(entries.get(keep - 1).publicSortKey());
        body = render(request, filters, entries, next, lastModified, tombstones, renderer);
      }
      return new Response(200, Map.of("Content-Type", mediaType), body);
    }));
    hear(request, tag, lang, answer.status());
    // WebSub: where to subscribe, and to which topic; on the 304 too (SPEC §10).
    return channel.hub().isEmpty() ? answer : answer.withHeader("Link",
        "<" + channel.hub().get() + ">; rel=\"hub\", <" + topic(request, tag, lang) + ">; rel=\"self\"");
  }

  /**
   * Hands an aggregator's subscriber count (SPEC §11) to the recorder, for the feed as its
   * canonical path names it (no base URL, no cursor: every page of a feed is the feed). Only
   * for a feed that can exist: a tag a release could carry, a well-formed language; and only
   * when the agent may hold a count, a check that loads nothing, so a plain fetch builds no
   * recorder and parses nothing. Never throws, never waits, never reads the store.
   */
  private void hear(Request request, String tag, String lang, int status) {
    String agent = request.headers().get("user-agent");
    if ((status != 200 && status != 304) || !mayReport(agent)) {
      return;
    }
    try {
      if (isFeedFilter(tag, lang)) {
        recorder().hear(canonical("", request.path(), tag, lang), agent);
      }
    } catch (RuntimeException e) {
      // Recording is worth less than the feed: a failure here must not become the answer.
    }
  }

  private Recorder recorder() {
    Recorder held = recorder;
    if (held == null) {
      synchronized (this) {
        if (recorder == null) {
          recorder = new Recorder(() -> newsroom.store().audience(), newsroom::now);
        }
        held = recorder;
      }
    }
    return held;
  }

  /** Whether the agent's first characters hold "subscriber" or "reader" in any case. */
  static boolean mayReport(String agent) {
    if (agent == null) {
      return false;
    }
    int end = Math.min(agent.length(), Report.MAX_AGENT);
    for (int i = 0; i < end; i++) {
      char c = agent.charAt(i);
      if ((c == 's' || c == 'S') && agent.regionMatches(true, i, "subscriber", 0, 10)
          || (c == 'r' || c == 'R') && agent.regionMatches(true, i, "reader", 0, 6)) {
        return true;
      }
    }
    return false;
  }

  /** A tag a release may carry and a well-formed language: not whatever a client sends. */
  private static boolean isFeedFilter(String tag, String lang) {
    if (tag != null && (tag.length() > ReleaseRules.MAX_TAG || !FeedText.isAllowed(tag))) {
      return false;
    }
    if (lang == null) {
      return true;
    }
    return lang.length() <= ReleaseRules.MAX_LANGUAGE && isLanguageTag(lang);
  }

  /**
   * A well-formed BCP 47 tag. Config checks FEED_LANGUAGE the same way at start-up, so a
   * well-formed tag loads nothing new on a feed request.
   */
  private static boolean isLanguageTag(String lang) {
    try {
      new Locale.Builder().setLanguageTag(lang);
      return true;
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  /**
   * A feed's canonical URL (SPEC §10), the topic a WebSub subscriber subscribes to and what the
   * feed names as {@code rel="self"} whatever form it was requested in: the base, the path, at
   * most one {@code tag} (lower-cased) and one {@code lang} (its primary subtag, lower-cased), in
   * that order. Later pages add their cursor ({@link #render}).
   */
  static String topic(Request request, String tag, String lang) {
    return canonical(request.baseUrl(), request.path(), tag, lang);
  }

  /** {@link #topic} from its parts: what the notifier pings for a release's tags and language. */
  public static String canonical(String baseUrl, String path, String tag, String lang) {
    String query = Lists.query(canonicalFilters(tag, lang));
    return baseUrl + path + (query.isEmpty() ? "" : "?" + query);
  }

  private static Map<String, String> canonicalFilters(String tag, String lang) {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("tag", tag == null ? null : tag.toLowerCase(Locale.ROOT));
    int dash = lang == null ? -1 : lang.indexOf('-');
    filters.put("lang", lang == null ? null : (dash < 0 ? lang : lang.substring(0, dash)).toLowerCase(Locale.ROOT));
    return filters;
  }

  private byte[] render(Request request, Map<String, String> filters, List<Release> entries,
      Optional<SortKey> nextKey, Instant lastModified, List<Tombstone> tombstones,
      Function<FeedEdition, String> renderer) {
    String base = request.baseUrl();
    String query = Lists.query(filters);
    String self = base + request.path() + "?" + Lists.query(withCursor(
        canonicalFilters(filters.get("tag"), filters.get("lang")), request.queryParam("cursor")));
    Optional<String> next = nextKey.map(key -> base + request.path() + "?"
        + Lists.query(withCursor(filters, Optional.of(Cursor.encode(LIST, key)))));
    // The newsroom with the same filters; paging is the feed's own, so no cursor.
    String site = base + "/" + (query.isEmpty() ? "" : "?" + query);
    FeedEdition edition = new FeedEdition(channel.titleFor(filters.get("tag")), channel.title(),
        channel.description(), channel.languageFor(filters.get("lang")),
        self.endsWith("?") ? self.substring(0, self.length() - 1) : self, site, base, next,
        entries, lastModified, channel.hub(), tombstones);
    return renderer.apply(edition).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The UTC day a first Atom page's tombstones are chosen for, when some may show: a tombstone
   * leaves the page when its day ends ({@link Tombstone#shownSince}), with nothing written, so
   * the day is part of the page's ETag. Every retraction that can still show moved the feed
   * state when it was made, so a feed whose last public change is older than the window shows
   * none and keeps its validators from day to day: only a feed that changed within the last
   * 31 days is downloaded again once a day by pollers that revalidate with {@code If-None-Match}.
   * {@code Last-Modified} stays the last write's: a poller that only sends
   * {@code If-Modified-Since} keeps a tombstone past its day until the next change, which does no
   * harm (a reader drops an entry it no longer has, or nothing).
   */
  private static Optional<Instant> withdrawalDay(Instant lastModified, Instant now) {
    return lastModified.isBefore(Tombstone.shownSince(now)) ? Optional.empty()
        : Optional.of(Tombstone.today(now));
  }

  private static Map<String, String> withCursor(Map<String, String> filters, Optional<String> cursor) {
    Map<String, String> params = new LinkedHashMap<>(filters);
    params.put("cursor", cursor.orElse(null));
    return params;
  }
}
