package dev.pressfeed.http;

import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.ReleaseFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /feed.rss}, {@code /feed.atom}, {@code /feed.json}: one edition, three formats. */
public final class FeedApi {

  /** The channel's fixed description, from configuration. */
  public record Channel(String title, String description, String language, int size, int maxAge) {}

  private final Newsroom newsroom;
  private final Channel channel;

  public FeedApi(Newsroom newsroom, Channel channel) {
    this.newsroom = newsroom;
    this.channel = channel;
  }

  public Router router() {
    return new Router()
        .add("GET", "/feed.rss", (request, params) -> feed(request, RssFeed.MEDIA_TYPE, RssFeed::render))
        .add("GET", "/feed.atom", (request, params) -> feed(request, AtomFeed.MEDIA_TYPE, AtomFeed::render))
        .add("GET", "/feed.json", (request, params) -> feed(request, JsonFeed.MEDIA_TYPE, JsonFeed::render));
  }

  private Response feed(Request request, String mediaType, Function<FeedEdition, String> renderer) {
    String tag = Lists.filter(request, "tag");
    String lang = Lists.filter(request, "lang");
    Instant now = newsroom.now();
    Page page = newsroom.store().published(new ReleaseFilter(tag, lang), Optional.empty(), channel.size(), now);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("tag", tag);
    filters.put("lang", lang);
    String query = Lists.query(filters);
    String base = request.baseUrl();
    String self = base + request.path() + (query.isEmpty() ? "" : "?" + query);
    String site = base + "/releases" + (query.isEmpty() ? "" : "?" + query);
    Instant updated = page.items().stream().map(FeedEdition::changed).max(Instant::compareTo)
        .orElse(Instant.EPOCH);
    FeedEdition edition = new FeedEdition(channel.title(), channel.description(), channel.language(),
        self, site, base, Optional.empty(), page.items(), updated);
    byte[] body = renderer.apply(edition).getBytes(StandardCharsets.UTF_8);
    int maxAge = newsroom.maxAgeUntilNextEmbargo(now, channel.maxAge());
    Response response = new Response(200, Map.of("Content-Type", mediaType), body);
    return PublicApi.cacheable(request, response, Conditional.etagOf(body), updated, maxAge);
  }
}
