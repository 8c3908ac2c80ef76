package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.pressfeed.Application;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots a published version, runs the request path once
 * (event translation, routing, JSON, validation, feed rendering, the SDK client's first calls)
 * so the snapshot holds loaded, initialised classes. It only reads: the body it validates is
 * never stored, and the editor routes it calls are reads.
 */
final class Priming implements Resource {

  private static final String SAMPLE = """
      {"title": "Priming „Pressfeed“", "body": "Text *mit* [Link](https://example.org).",
       "language": "de", "tags": ["Priming"], "links": [{"title": "x", "url": "https://example.org"}]}""";

  private final List<Router> routers;

  private Priming(Application application) {
    this.routers = List.of(application.publicRouter(), application.feedRouter(), application.editorRouter());
  }

  /** Registers the hook; CRaC holds resources weakly, so the caller keeps the returned one. */
  static Priming register(Application application) {
    Priming priming = new Priming(application);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/releases",
        "/releases/0000-00-00-priming", "/editor/releases/0000-00-00-priming")) {
      for (Router router : routers) {
        LambdaEvents.toEvent(router.handle(request("GET", path, new byte[0])));
      }
    }
    // Validation and the problem path, without a write: a body with an unknown field is a 400
    // before anything is stored; the sample is read and checked by the editor route's parser.
    byte[] invalid = SAMPLE.replace("\"tags\"", "\"priming\"").getBytes(StandardCharsets.UTF_8);
    routers.get(2).handle(request("POST", "/releases", invalid));
    dev.pressfeed.release.ReleaseRules.check(
        dev.pressfeed.http.ReleaseJson.read(SAMPLE.getBytes(StandardCharsets.UTF_8)).input());
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the SDK opens new connections as needed.
  }

  /** An event as API Gateway sends it, through the handlers' own translation. */
  private static Request request(String method, String path, byte[] body) {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setRawPath(path);
    event.setHeaders(Map.of("content-type", "application/json", "host", "priming.invalid"));
    event.setBody(Base64.getEncoder().encodeToString(body));
    event.setIsBase64Encoded(true);
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
    http.setMethod(method);
    http.setPath(path);
    context.setHttp(http);
    context.setDomainName("priming.invalid");
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
    authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(
        Map.of("sub", "priming", LambdaEvents.GROUPS_CLAIM, "[" + LambdaEvents.EDITORS_GROUP + "]"), null));
    context.setAuthorizer(authorizer);
    event.setRequestContext(context);
    return LambdaEvents.toRequest(event, Optional.empty());
  }
}
