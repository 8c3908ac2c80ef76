package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.http.Problem;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import java.util.List;
import java.util.Optional;

/** What every handler does: event → request → its router → response → event. */
abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;
  private final Optional<String> publicBaseUrl;

  ApiHandler(Router router, Optional<String> publicBaseUrl) {
    this.router = router;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    Response response;
    try {
      response = router.handle(LambdaEvents.toRequest(event, publicBaseUrl));
    } catch (Problem.ProblemException e) {
      response = e.problem().toResponse();
    } catch (RuntimeException e) {
      // An event API Gateway would never send (no request context, say): logged, not echoed.
      System.err.println("unreadable event: " + e);
      response = Problem.internal().toResponse();
    }
    return LambdaEvents.toEvent(response);
  }

  /** The routes this handler serves, as API Gateway route keys ({@code "GET /releases"}). */
  public List<String> routes() {
    return router.routeKeys();
  }
}
