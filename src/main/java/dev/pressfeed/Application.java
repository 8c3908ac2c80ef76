package dev.pressfeed;

import dev.pressfeed.http.Compression;
import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.FeedApi;
import dev.pressfeed.http.PublicApi;
import dev.pressfeed.http.Router;
import dev.pressfeed.page.PagesApi;
import dev.pressfeed.page.Site;
import dev.pressfeed.page.SitemapApi;
import dev.pressfeed.push.CloudFrontEdgeCache;
import dev.pressfeed.push.Hub;
import dev.pressfeed.push.Notifier;
import dev.pressfeed.push.Pings;
import dev.pressfeed.release.FeedChanges;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The composition root: builds the object graph once per container (or once per local
 * gateway) from a {@link Config}. Explicit constructors are the dependency injection.
 *
 * <p>Every route reads and writes through one {@link CachingReleaseStore} over the given store,
 * built here so that Lambda containers, the local gateway and the tests run the same code: the
 * feed state and release heads a second old at most, an editor's write seen at once.
 */
public final class Application {

  private final Config config;
  private final ReleaseStore store;
  private final Clock clock;
  private final Newsroom newsroom;
  private volatile Runnable nudge = () -> {};
  private Pings pings;

  public Application(Config config, ReleaseStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    // Pings only with a hub to send them to (SPEC §10): without one nothing is queued. Built on
    // the first editor write, so that the reading functions load none of it.
    FeedChanges changes = config.websubHubUrl().isPresent() ? this::queuePings : FeedChanges.NONE;
    this.newsroom = new Newsroom(new CachingReleaseStore(store, clock), clock, UUID::randomUUID, changes);
  }

  private Runnable queuePings(List<Release> releases) {
    Pings queue;
    synchronized (this) {
      if (pings == null) {
        pings = new Pings(store.outbox(), clock, () -> nudge.run());
      }
      queue = pings;
    }
    return queue.coming(releases);
  }

  /**
   * What asks a notifier for a round right after an editor write queued a ping: the local
   * gateway's own notifier thread, or on AWS an asynchronous invocation of the notifier function.
   * Must neither block nor throw.
   */
  public void nudgeWith(Runnable nudge) {
    this.nudge = nudge;
  }

  /**
   * The notifier that sends queued pings, with {@code WEBSUB_HUB_URL} set; built only by the
   * notifier function and the local gateway.
   *
   * @param listening the base of the feeds' canonical URLs when {@code PUBLIC_BASE_URL} is unset
   *     (the local gateway's address); empty where there is none
   */
  public Optional<Notifier> notifier(Optional<String> listening) {
    Optional<String> base = config.publicBaseUrl().or(() -> listening);
    if (config.websubHubUrl().isEmpty() || base.isEmpty()) {
      return Optional.empty();
    }
    // Behind CloudFront the hub fetches the feeds through it: each ping purges them there first.
    // One static call, so that verifying this class loads nothing of it (ReadingFunctionsTest).
    return Optional.of(new Notifier(store, store.outbox(), new Hub(config.websubHubUrl().get()),
        CloudFrontEdgeCache.onAws(config.cdnDistributionId(), Duration.ofSeconds(config.feedMaxAge())),
        base.get(), clock, Notifier.BACKOFF, System.out));
  }

  public Config config() {
    return config;
  }

  public Newsroom newsroom() {
    return newsroom;
  }

  public Router publicRouter() {
    return new PublicApi(newsroom, config.feedMaxAge()).router().compressing(compression(Set.of()));
  }

  public Router feedRouter() {
    return new FeedApi(newsroom, new FeedApi.Channel(config.feedTitle(), config.feedDescription(),
        config.feedLanguage(), config.feedSize(), config.feedMaxAge(), config.websubHubUrl())).router()
        .compressing(compression(Set.of("/feed.atom", "/feed.json")));
  }

  /** The newsroom pages; only the pages function builds it, so only it loads the templates. */
  public Router pagesRouter() {
    Router router = new PagesApi(newsroom, Site.of(config)).router();
    return new SitemapApi(newsroom, config.feedTitle(), config.feedMaxAge()).addTo(router)
        .compressing(compression(Set.of()));
  }

  /**
   * The editor's answers are never compressed: small, {@code no-store}, and their ETags go back
   * in {@code If-Match}, which would otherwise need the coding's tags translated too.
   */
  public Router editorRouter() {
    return new EditorApi(newsroom).router();
  }

  /**
   * {@code RESPONSE_COMPRESSION}: each public router keeps its own compressed bodies. Behind a
   * CDN ({@code cdn}) only {@code beyondTheEdge}, the router's paths whose type the CDN does not
   * compress itself, are gzipped here.
   */
  private Compression compression(Set<String> beyondTheEdge) {
    return switch (config.responseCompression()) {
      case GZIP -> Compression.gzip();
      case CDN -> beyondTheEdge.isEmpty() ? Compression.OFF : Compression.only(beyondTheEdge);
      case OFF -> Compression.OFF;
    };
  }
}
