package dev.pressfeed.lambda;

import dev.pressfeed.Application;

/** The feeds: {@code GET /feed.rss}, {@code /feed.atom}, {@code /feed.json}. Read-only. */
public final class FeedHandler extends ApiHandler {

  /** Used by the Lambda runtime: one application per container. */
  public FeedHandler() {
    this(Containers.application(Warmup.FEEDS));
  }

  public FeedHandler(Application application) {
    super(application.feedRouter(), application.config().publicBaseUrl());
  }
}
