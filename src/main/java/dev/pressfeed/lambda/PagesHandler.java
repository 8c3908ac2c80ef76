package dev.pressfeed.lambda;

import dev.pressfeed.Application;

/**
 * The newsroom pages: {@code GET /}, {@code /news/{id}}, {@code /sitemap.xml},
 * {@code /robots.txt}. Read-only; the only function that loads the templates.
 */
public final class PagesHandler extends ApiHandler {

  /** Used by the Lambda runtime: one application per container. */
  public PagesHandler() {
    this(Containers.application(Warmup.PAGES));
  }

  public PagesHandler(Application application) {
    super(application.pagesRouter(), application.config().publicBaseUrl());
  }
}
