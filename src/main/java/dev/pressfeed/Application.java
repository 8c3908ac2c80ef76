package dev.pressfeed;

import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.FeedApi;
import dev.pressfeed.http.PublicApi;
import dev.pressfeed.http.Router;
import dev.pressfeed.page.PagesApi;
import dev.pressfeed.page.Site;
import dev.pressfeed.page.SitemapApi;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.ReleaseStore;
import java.time.Clock;

/**
 * The composition root: builds the object graph once per container (or once per local
 * gateway) from a {@link Config}. Explicit constructors are the dependency injection.
 */
public final class Application {

  private final Config config;
  private final Newsroom newsroom;

  public Application(Config config, ReleaseStore store, Clock clock) {
    this.config = config;
    this.newsroom = new Newsroom(store, clock);
  }

  public Config config() {
    return config;
  }

  public Newsroom newsroom() {
    return newsroom;
  }

  public Router publicRouter() {
    return new PublicApi(newsroom, config.feedMaxAge()).router();
  }

  public Router feedRouter() {
    return new FeedApi(newsroom, new FeedApi.Channel(config.feedTitle(), config.feedDescription(),
        config.feedLanguage(), config.feedSize(), config.feedMaxAge())).router();
  }

  /** The newsroom pages; only the pages function builds it, so only it loads the templates. */
  public Router pagesRouter() {
    Router router = new PagesApi(newsroom, Site.of(config)).router();
    return new SitemapApi(newsroom, config.feedTitle(), config.feedMaxAge()).addTo(router);
  }

  public Router editorRouter() {
    return new EditorApi(newsroom).router();
  }
}
