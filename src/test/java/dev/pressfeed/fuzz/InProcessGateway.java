package dev.pressfeed.fuzz;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.Application;
import dev.pressfeed.http.Router;
import dev.pressfeed.lambda.EditorHandler;
import dev.pressfeed.lambda.FeedHandler;
import dev.pressfeed.lambda.ReleasesHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway (HTTP API, payload 2.0) in the test's own thread: routes a {@link Probe} by the
 * handlers' route keys as {@code template.yaml} does, writes the event JSON the gateway would
 * send, calls the handler class through {@link RequestStreamHandler} and reads the response
 * JSON back as the gateway would. Editor routes carry JWT claims only when the bearer token is
 * {@link #TOKEN}: the authorizer's decision, as the local gateway makes it.
 *
 * <p>A request no route matches is answered by the gateway's own 404/405 problem (as the local
 * gateway does; on AWS, API Gateway answers); it is also handed to the handler the path is
 * nearest to, as a direct invocation on a catch-all route, so the handlers' routers are fuzzed too.
 */
final class InProcessGateway {

  static final String TOKEN = "fuzz-editor-token-0123456789abcdef";
  static final String DOMAIN = "press.example";
  private static final Map<String, String> CLAIMS = Map.of(
      "sub", "fuzz-editor", "cognito:groups", "[editors]",
      "iss", "https://cognito-idp.eu-central-1.amazonaws.com/fuzz", "token_use", "access");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Router routes = new Router();
  private final Map<String, Mounted> handlers = new HashMap<>();
  private final RequestStreamHandler releases;
  private final RequestStreamHandler feeds;
  private final RequestStreamHandler editor;
  private final Clock clock;

  private record Mounted(RequestStreamHandler handler, boolean editor) {}

  /** What one probe got: the gateway's answer, and the handler's own when no route matched. */
  record Exchange(Answer answer, Answer unrouted) {}

  InProcessGateway(Application application, Clock clock) {
    this.clock = clock;
    ReleasesHandler releasesHandler = new ReleasesHandler(application);
    FeedHandler feedHandler = new FeedHandler(application);
    EditorHandler editorHandler = new EditorHandler(application);
    this.releases = releasesHandler;
    this.feeds = feedHandler;
    this.editor = editorHandler;
    mount(releasesHandler, releasesHandler.routes(), false);
    mount(feedHandler, feedHandler.routes(), false);
    mount(editorHandler, editorHandler.routes(), true);
  }

  private void mount(RequestStreamHandler handler, List<String> keys, boolean editorRoutes) {
    for (String key : keys) {
      String[] parts = key.split(" ", 2);
      routes.add(parts[0], parts[1], (request, params) -> { throw new IllegalStateException("never run"); });
      handlers.put(key, new Mounted(handler, editorRoutes));
    }
  }

  Exchange send(Probe probe) {
    Router.Resolution route = routes.resolve(probe.method(), probe.rawPath());
    if (route.problem() == null) {
      Mounted mounted = handlers.get(route.routeKey());
      Map<String, String> claims = mounted.editor() && authorised(probe) ? CLAIMS : null;
      Answer answer = invoke(mounted.handler(), event(probe, route.routeKey(), route.params(), claims));
      return new Exchange(headless(probe, answer), null);
    }
    Answer gateway = fromResponse(route.problem().toResponse().status(), route.problem().toResponse().headers(),
        route.problem().toResponse().body());
    RequestStreamHandler nearest = probe.rawPath().startsWith("/feed") ? feeds
        : probe.rawPath().startsWith("/editor") || probe.isWrite() ? editor : releases;
    Map<String, String> claims = nearest == editor && authorised(probe) ? CLAIMS : null;
    return new Exchange(headless(probe, gateway), headless(probe, invoke(nearest, event(probe, "$default", Map.of(), claims))));
  }

  /** As API Gateway and the local gateway do: a HEAD answer goes out without its body. */
  private static Answer headless(Probe probe, Answer answer) {
    return probe.method().equals("HEAD") ? new Answer(answer.status(), answer.headers(), new byte[0]) : answer;
  }

  /** A GET or an editor read the test itself makes (to fingerprint state or read feeds). */
  Answer get(String target, boolean asEditor) {
    int q = target.indexOf('?');
    List<Map.Entry<String, String>> headers = asEditor
        ? List.of(Map.entry("Authorization", "Bearer " + TOKEN)) : List.of();
    Probe probe = new Probe("GET", q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
        headers, null);
    return send(probe).answer();
  }

  private static boolean authorised(Probe probe) {
    for (Map.Entry<String, String> h : probe.headers()) {
      if (h.getKey().equalsIgnoreCase("authorization")) {
        String value = h.getValue();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
          return false;
        }
        return MessageDigest.isEqual(value.substring(7).strip().getBytes(StandardCharsets.UTF_8),
            TOKEN.getBytes(StandardCharsets.UTF_8));
      }
    }
    return false;
  }

  /** The event API Gateway would send. Repeated headers and parameters are joined with commas, as it does. */
  private String event(Probe probe, String routeKey, Map<String, String> pathParameters, Map<String, String> claims) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", probe.rawPath());
    event.put("rawQueryString", probe.rawQuery() == null ? "" : probe.rawQuery());
    ObjectNode headers = event.putObject("headers");
    Map<String, String> joined = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : probe.headers()) {
      joined.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b);
    }
    joined.forEach(headers::put);
    headers.put("host", DOMAIN);
    headers.put("x-forwarded-proto", "https");
    headers.put("x-forwarded-for", "192.0.2.7");
    if (probe.body().length > 0) {
      headers.put("content-length", Integer.toString(probe.body().length));
    }
    Map<String, String> query = query(probe.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode params = event.putObject("queryStringParameters");
      query.forEach(params::put);
    }
    if (!pathParameters.isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      pathParameters.forEach(params::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "fuzz");
    context.put("domainName", DOMAIN);
    context.put("domainPrefix", "press");
    ObjectNode http = context.putObject("http");
    http.put("method", probe.method());
    http.put("path", probe.rawPath());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "192.0.2.7");
    http.put("userAgent", joined.getOrDefault("user-agent", ""));
    context.put("requestId", "fuzz-request");
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", "26/Nov/2026:09:00:00 +0000");
    context.put("timeEpoch", clock.millis());
    if (claims != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode claimNode = jwt.putObject("claims");
      claims.forEach(claimNode::put);
      jwt.putNull("scopes");
    }
    if (probe.body().length > 0) {
      event.put("body", Base64.getEncoder().encodeToString(probe.body()));
      event.put("isBase64Encoded", true);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event.toString();
  }

  /** Parameters as API Gateway passes them: decoded, repeats joined; a bad escape is passed as sent. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.merge(name, value, (a, b) -> a + "," + b);
    }
    return query;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static Answer invoke(RequestStreamHandler handler, String eventJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
      JsonNode json = JSON.readTree(out.toByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      json.path("headers").fields().forEachRemaining(e ->
          headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
      String body = json.path("body").isNull() ? "" : json.path("body").asText("");
      byte[] bytes = json.path("isBase64Encoded").asBoolean(false)
          ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
      if (!json.path("statusCode").isInt()) {
        throw new AssertionError("the handler wrote no statusCode: " + out);
      }
      return new Answer(json.path("statusCode").asInt(), headers, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer fromResponse(int status, Map<String, String> headers, byte[] body) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new Answer(status, lower, body);
  }
}
