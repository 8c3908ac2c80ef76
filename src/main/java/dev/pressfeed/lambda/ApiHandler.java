package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.http.Problem;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.release.Deadline;
import dev.pressfeed.store.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * What every handler does: event JSON → event → request → its router → response → JSON.
 *
 * <p>A {@link RequestStreamHandler}: the runtime hands over the event's bytes as API Gateway
 * sent them and takes the response's bytes back; {@link EventJson} reads and writes them. The
 * runtime's serialiser for typed handlers costs about 200 ms of every cold start (README,
 * benchmarks) and needs joda-time in the package.
 */
abstract class ApiHandler implements RequestStreamHandler {

  private final Router router;
  private final Optional<String> publicBaseUrl;

  ApiHandler(Router router, Optional<String> publicBaseUrl) {
    this.router = router;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String awsRequestId = context == null ? null : context.getAwsRequestId();
    APIGatewayV2HTTPResponse response;
    try {
      response = handle(EventJson.read(input), awsRequestId);
    } catch (EventJson.NotAnEventException e) {
      // Only a direct invocation with another payload gets here; API Gateway always sends JSON.
      LogLine.of(null, awsRequestId).unreadable(e);
      response = LambdaEvents.toEvent(Problem.badRequest("The payload is not an HTTP API event.").toResponse());
    }
    EventJson.write(response, output);
  }

  /** The handler's work on an event already read. */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    return handle(event, null);
  }

  /**
   * The handler's work on an event already read, within the request's time budget: every
   * wait on the store ends in time for a 503 while the function still runs ({@link Waits}).
   */
  private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, String awsRequestId) {
    // The log line is made only when there is trouble: a healthy request loads and scans nothing for it.
    Router.Trouble trouble = (routeKey, status, message, cause) ->
        LogLine.of(event, awsRequestId).report(routeKey, status, message, cause);
    Response response = Deadline.within(Waits.STANDARD.request(), () -> {
      try {
        return router.handle(LambdaEvents.toRequest(event, publicBaseUrl), trouble);
      } catch (Problem.ProblemException e) {
        return e.problem().toResponse();
      } catch (RuntimeException e) {
        // An event API Gateway would never send (no request context, say): logged, not echoed.
        trouble.report(null, 500, "unreadable event", e);
        return Problem.internal().toResponse();
      }
    });
    return LambdaEvents.toEvent(response);
  }

  /** The routes this handler serves, as API Gateway route keys ({@code "GET /releases"}). */
  public List<String> routes() {
    return router.routeKeys();
  }
}
