package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invokes a handler the way the Lambda runtime does (event bytes in, response bytes out, a
 * {@link Context} with an invocation id) with events shaped as API Gateway's payload 2.0.
 */
final class Invocations {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer as API Gateway reads it. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
  }

  private Invocations() {}

  /** An event for {@code method path}; {@code claims} null for no authorizer. */
  static ObjectNode event(String method, String path, Map<String, String> headers,
      Map<String, String> claims, String body, String requestId) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", method + " " + path);
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode h = event.putObject("headers");
    h.put("host", "api.example.org");
    h.put("x-forwarded-proto", "https");
    headers.forEach(h::put);
    ObjectNode context = event.putObject("requestContext");
    context.put("domainName", "api.example.org");
    context.put("requestId", requestId);
    context.put("routeKey", method + " " + path);
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", path);
    if (claims != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode c = jwt.putObject("claims");
      claims.forEach(c::put);
      jwt.putNull("scopes");
    }
    if (body != null) {
      event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
      event.put("isBase64Encoded", true);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  static Answer invoke(RequestStreamHandler handler, ObjectNode event, String awsRequestId) {
    return invoke(handler, event.toString().getBytes(StandardCharsets.UTF_8), awsRequestId);
  }

  static Answer invoke(RequestStreamHandler handler, byte[] payload, String awsRequestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, context(awsRequestId));
      JsonNode json = JSON.readTree(out.toByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      json.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
      return new Answer(json.path("statusCode").asInt(), headers, json.path("body").asText(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the runtime passes: only the invocation id matters to the handlers. */
  static Context context(String awsRequestId) {
    return new Context() {
      @Override public String getAwsRequestId() { return awsRequestId; }
      @Override public String getLogGroupName() { return "/aws/lambda/test"; }
      @Override public String getLogStreamName() { return "test"; }
      @Override public String getFunctionName() { return "test"; }
      @Override public String getFunctionVersion() { return "$LATEST"; }
      @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-central-1:123456789012:function:test"; }
      @Override public CognitoIdentity getIdentity() { return null; }
      @Override public ClientContext getClientContext() { return null; }
      @Override public int getRemainingTimeInMillis() { return 10_000; }
      @Override public int getMemoryLimitInMB() { return 1024; }
      @Override public LambdaLogger getLogger() { return null; }
    };
  }
}
