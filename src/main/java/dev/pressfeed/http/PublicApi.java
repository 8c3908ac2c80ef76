package dev.pressfeed.http;

import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.Slug;
import dev.pressfeed.release.SortKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /releases} and {@code GET /releases/{id}}: what anyone may read, cacheable. */
public final class PublicApi {

  static final String LIST = "public";
  private final Newsroom newsroom;
  private final int maxAge;
  private final RecentResponses recent = new RecentResponses(64, 8L << 20);

  public PublicApi(Newsroom newsroom, int maxAge) {
    this.newsroom = newsroom;
    this.maxAge = maxAge;
  }

  public Router router() {
    return new Router()
        .add("GET", "/releases", (request, params) -> list(request))
        .add("GET", "/releases/{id}", (request, params) -> one(request, params.get("id")));
  }

  private Response list(Request request) {
    int limit = Lists.limit(request);
    String tag = Lists.filter(request, "tag");
    String lang = Lists.filter(request, "lang");
    Optional<SortKey> after = Lists.after(request, LIST);
    Instant now = newsroom.now();
    FeedState state = newsroom.store().feedState();
    // Moves only with what the public sees: a public write or an embargo ending (FeedState).
    Instant lastModified = state.lastModified(now);
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("limit", request.queryParam("limit").orElse(null));
    kept.put("tag", tag);
    kept.put("lang", lang);
    // "list2": items' url moved from the JSON API to the release's page (issue 13); bump when
    // the list's bytes change for the same store, so that caches do not keep the old ones.
    String etag = Conditional.validator("list2", request.baseUrl(), Lists.query(kept),
        request.queryParam("cursor").orElse(""), Long.toString(state.edition()),
        Long.toString(lastModified.toEpochMilli()));
    return cacheable(request, now, etag, lastModified,
        newsroom.maxAgeUntilNextEmbargo(state, now, maxAge), () -> recent.get(etag, () -> {
          Page page = newsroom.store().published(new ReleaseFilter(tag, lang), after, limit, now);
          return Lists.page(request, LIST, page, now, kept);
        }));
  }

  private Response one(Request request, String id) {
    Instant now = newsroom.now();
    if (!Slug.isWellFormedId(id)) {
      return Problem.notFound("No published release has this id.").toResponse();
    }
    if (request.header("if-none-match").isPresent() || request.header("if-modified-since").isPresent()) {
      // A poll: the release's small head decides a 304. It may lag a write by a moment; it is
      // never used to answer anything else, and any other outcome reads the release itself.
      Optional<ReleaseHead> head = newsroom.store().head(id);
      if (head.isPresent() && head.get().isVisible(now)
          && Conditional.notModified(request, head.get().etag(), head.get().updatedAt(), now)) {
        return new Response(304, validators(head.get().etag(), head.get().updatedAt(), maxAge), new byte[0]);
      }
    }
    Optional<Release> found = newsroom.store().find(id);
    if (found.isPresent() && found.get().wasPublicBeforeRetraction()) {
      // The retracted version's last change is its retraction (Newsroom.retract).
      return Problem.retracted("This release was retracted by its publisher.", found.get().updatedAt()).toResponse();
    }
    if (found.isEmpty() || !found.get().isVisible(now)) {
      return Problem.notFound("No published release has this id.").toResponse();
    }
    Release release = found.get();
    return cacheable(request, now, release.etag(), release.updatedAt(), maxAge, () -> new Response(200,
        Map.of("Content-Type", "application/json; charset=utf-8"),
        ReleaseJson.bytes(ReleaseJson.full(release, request.baseUrl(), now))));
  }

  /**
   * Adds validators and caching to what {@code render} makes, or answers 304 without calling
   * it when the client's copy is current.
   */
  public static Response cacheable(Request request, Instant now, String etag, Instant lastModified,
      int maxAge, Supplier<Response> render) {
    Map<String, String> headers = validators(etag, lastModified, maxAge);
    if (Conditional.notModified(request, etag, lastModified, now)) {
      return new Response(304, headers, new byte[0]);
    }
    Response out = render.get();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      out = out.withHeader(h.getKey(), h.getValue());
    }
    return out;
  }

  /** The headers every public answer carries, a 304 included. */
  private static Map<String, String> validators(String etag, Instant lastModified, int maxAge) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", etag);
    headers.put("Last-Modified", Conditional.httpDate(lastModified));
    headers.put("Cache-Control", "public, max-age=" + maxAge);
    return headers;
  }
}
