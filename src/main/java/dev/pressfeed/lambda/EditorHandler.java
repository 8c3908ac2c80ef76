package dev.pressfeed.lambda;

import dev.pressfeed.Application;

/** The editor routes. Answers 401 to any event without JWT authorizer claims, whatever the gateway in front did. */
public final class EditorHandler extends ApiHandler {

  /** Used by the Lambda runtime: one application per container. */
  public EditorHandler() {
    this(Containers.application(Warmup.EDITOR));
  }

  public EditorHandler(Application application) {
    super(application.editorRouter(), application.config().publicBaseUrl());
    // After a write that queued a ping, the notifier function runs at once, not at its next
    // scheduled minute. Only this function builds a Lambda client, and only on the first nudge.
    application.config().notifierFunction().ifPresent(name ->
        application.nudgeWith(new NotifierNudge(name, application.config().region())));
  }
}
