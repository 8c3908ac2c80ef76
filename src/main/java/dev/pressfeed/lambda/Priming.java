package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.Application;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots a published version, runs the request path once
 * (event translation, routing, JSON, validation, feed and page rendering, the SDK client's
 * first calls)
 * so the snapshot holds loaded, initialised classes. It only reads: the body it validates is
 * never stored, and the editor routes it calls are reads.
 */
final class Priming implements Resource {

  private final Application application;

  private Priming(Application application) {
    this.application = application;
  }

  /** Registers the hook; CRaC holds resources weakly, so the caller keeps the returned one. */
  static Priming register(Application application) {
    Priming priming = new Priming(application);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws InterruptedException {
    Warmup.awaitAll();
    // Built here, not when registered: registering happens on every cold start, and the pages
    // router would load the zone rules into functions that never show a date.
    List<Router> routers = List.of(application.publicRouter(), application.feedRouter(),
        application.editorRouter(), application.pagesRouter());
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/releases",
        "/releases/0000-00-00-priming", "/editor/releases/0000-00-00-priming", "/",
        "/news/0000-00-00-priming")) {
      for (Router router : routers) {
        write(LambdaEvents.toEvent(router.handle(request("GET", path, new byte[0]))));
        // and as a poll: a release's head, the feeds' 304
        write(LambdaEvents.toEvent(router.handle(request("GET", path, new byte[0], "\\\"v1\\\""))));
        // and as a browser asks, for gzip: the deflater and the base64 body (issue 14)
        write(LambdaEvents.toEvent(router.handle(request("GET", path, new byte[0], null, "gzip, deflate, br"))));
      }
    }
    // Validation and the problem path, without a write: a body with an unknown field is a 400
    // before anything is stored; the sample is read and checked by the editor route's parser.
    byte[] invalid = Warmup.SAMPLE.replace("\"tags\"", "\"priming\"").getBytes(StandardCharsets.UTF_8);
    routers.get(2).handle(request("POST", "/releases", invalid));
    dev.pressfeed.release.ReleaseRules.check(
        dev.pressfeed.http.ReleaseJson.read(Warmup.SAMPLE.getBytes(StandardCharsets.UTF_8)).input());
  }

  private static void write(APIGatewayV2HTTPResponse response) {
    try {
      EventJson.write(response, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the SDK opens new connections as needed.
  }

  /** An event as API Gateway sends it, read by the handlers' own event reader. */
  private static Request request(String method, String path, byte[] body) {
    return request(method, path, body, null);
  }

  private static Request request(String method, String path, byte[] body, String ifNoneMatch) {
    return request(method, path, body, ifNoneMatch, null);
  }

  /**
   * @param ifNoneMatch    as it appears inside a JSON string, or {@code null} for none
   * @param acceptEncoding likewise, or {@code null} for none
   */
  private static Request request(String method, String path, byte[] body, String ifNoneMatch,
      String acceptEncoding) {
    String json = """
        {"version": "2.0", "routeKey": "%1$s %2$s", "rawPath": "%2$s", "rawQueryString": "",
         "headers": {"content-type": "application/json", "host": "priming.invalid"%6$s},
         "requestContext": {"domainName": "priming.invalid", "http": {"method": "%1$s", "path": "%2$s"},
           "authorizer": {"jwt": {"claims": {"sub": "priming", "%3$s": "[%4$s]"}, "scopes": null}}},
         "body": "%5$s", "isBase64Encoded": true}"""
        .formatted(method, path, LambdaEvents.GROUPS_CLAIM, LambdaEvents.EDITORS_GROUP,
            Base64.getEncoder().encodeToString(body),
            (ifNoneMatch == null ? "" : ", \"if-none-match\": \"" + ifNoneMatch + "\"")
                + (acceptEncoding == null ? "" : ", \"accept-encoding\": \"" + acceptEncoding + "\""));
    try {
      APIGatewayV2HTTPEvent event = EventJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
      return LambdaEvents.toRequest(event, Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
