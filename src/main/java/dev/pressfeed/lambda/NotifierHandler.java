package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.pressfeed.Application;
import dev.pressfeed.push.Notifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The notifier function: one {@link Notifier} round per invocation, whatever the event — the
 * one-minute EventBridge schedule or the editor function's nudge. The round lingers for work due
 * before the function's timeout (a retry within 10 s, an embargo ending this minute) and ends
 * with time to spare. A hub's failure never fails the invocation: the pings wait in the outbox.
 */
public final class NotifierHandler implements RequestStreamHandler {

  /** Left of the function's time when a round must have ended: the answer, the logs. */
  static final Duration SPARE = Duration.ofSeconds(2);
  /** Without a Lambda context (a test): a round of this long at most. */
  static final Duration WITHOUT_CONTEXT = Duration.ofSeconds(20);

  private final Optional<Notifier> notifier;
  private final Duration withoutContext;

  /** Used by the Lambda runtime: one application per container. */
  public NotifierHandler() {
    this(Containers.application());
  }

  public NotifierHandler(Application application) {
    this(application, WITHOUT_CONTEXT);
  }

  /** @param withoutContext the round's budget when invoked without a Lambda context (tests) */
  NotifierHandler(Application application, Duration withoutContext) {
    this.withoutContext = withoutContext;
    this.notifier = application.notifier(Optional.empty());
    if (notifier.isEmpty()) {
      System.err.println("pressfeed: the notifier has nothing to do: WEBSUB_HUB_URL or PUBLIC_BASE_URL is unset");
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    // Any event starts the same round; what it says does not matter.
    input.transferTo(OutputStream.nullOutputStream());
    String answer;
    if (notifier.isEmpty()) {
      answer = "{\"sent\":0,\"failed\":0,\"dropped\":0,\"embargoPings\":0}";
    } else {
      Duration budget = context == null ? withoutContext
          : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis() - SPARE.toMillis()));
      Notifier.Round round = notifier.get().round(budget, true);
      answer = "{\"sent\":" + round.sent() + ",\"failed\":" + round.failed() + ",\"dropped\":"
          + round.dropped() + ",\"embargoPings\":" + round.embargoPings() + "}";
    }
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }
}
