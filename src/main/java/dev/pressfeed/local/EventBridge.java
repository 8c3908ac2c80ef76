package dev.pressfeed.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP request → API Gateway HTTP API event JSON (payload 2.0) → the handler's stream, and the
 * response JSON it writes → HTTP response: the handler reads and writes the same bytes locally
 * as it does on Lambda.
 */
final class EventBridge {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /**
   * The event JSON API Gateway would send for this request and route. {@code domainName} is
   * the gateway's own address: API Gateway reports its domain there, never the client's
   * {@code Host}, and the handlers build their links from it.
   */
  String eventJson(Request request, String routeKey, String rawQuery, Map<String, String> pathParameters,
      Map<String, String> claims, String sourceIp, String domainName) {
    Instant now = Instant.now();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", request.path());
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
    ObjectNode headers = event.putObject("headers");
    request.headers().forEach(headers::put);
    // API Gateway sets these itself, whatever the client sent.
    headers.put("x-forwarded-proto", "http");
    headers.put("x-forwarded-for", sourceIp);
    if (!request.query().isEmpty()) {
      ObjectNode query = event.putObject("queryStringParameters");
      request.query().forEach(query::put);
    }
    if (!pathParameters.isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      pathParameters.forEach(params::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "local");
    context.put("apiId", "local");
    context.put("domainName", domainName);
    context.put("domainPrefix", domainName.split("[.:]", 2)[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.path());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", sourceIp);
    http.put("userAgent", request.headers().getOrDefault("user-agent", ""));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (claims != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode claimNode = jwt.putObject("claims");
      claims.forEach(claimNode::put);
      jwt.putNull("scopes");
    }
    if (request.body().length > 0) {
      event.put("body", Base64.getEncoder().encodeToString(request.body()));
      event.put("isBase64Encoded", true);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event.toString();
  }

  /**
   * The handler invoked as the runtime invokes it (the event's bytes in, the response's bytes
   * out; no Lambda context, which the handlers do not use), its answer read as API Gateway reads it.
   */
  Response invoke(RequestStreamHandler handler, String eventJson) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode json = JSON.readTree(out.toByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    json.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    String body = json.path("body").isNull() ? "" : json.path("body").asText("");
    byte[] bytes = json.path("isBase64Encoded").asBoolean(false)
        ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    return new Response(json.path("statusCode").asInt(500), headers, bytes);
  }
}
