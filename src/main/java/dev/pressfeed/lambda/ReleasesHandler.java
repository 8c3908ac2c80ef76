package dev.pressfeed.lambda;

import dev.pressfeed.Application;

/** The public JSON API: {@code GET /releases} and {@code GET /releases/{id}}. Read-only. */
public final class ReleasesHandler extends ApiHandler {

  /** Used by the Lambda runtime: one application per container. */
  public ReleasesHandler() {
    this(Containers.application(Warmup.RELEASES));
  }

  public ReleasesHandler(Application application) {
    super(application.publicRouter(), application.config().publicBaseUrl());
  }
}
