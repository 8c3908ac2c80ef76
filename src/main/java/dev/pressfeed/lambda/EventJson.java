package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API events (payload 2.0) read from, and responses written to, the JSON the
 * Lambda runtime passes a {@code RequestStreamHandler}, with Jackson's streaming core.
 *
 * <p>The runtime's own serialiser for typed handlers ({@code aws-lambda-java-serialization})
 * would do the same with relocated Jackson, reflection and joda-time, at about 200 ms of a cold
 * start (see the README's benchmarks). What this class reads is checked against that serialiser
 * for every sample event ({@code EventJsonTest}). It reads the parts of the event a handler can
 * use; an IAM or Lambda authorizer's context and unknown fields are skipped.
 */
public final class EventJson {

  static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      // A character beyond the BMP (an emoji) as its four UTF-8 bytes, not as two \\u escapes of
      // six bytes each: a feed page of emoji would otherwise triple in the response and pass
      // Lambda's 6 MB limit long before FeedApi's 5 MB page limit.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private EventJson() {}

  /** Thrown when the invocation's payload is not an HTTP API event. */
  public static final class NotAnEventException extends IOException {
    NotAnEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NotAnEventException("the payload is not a JSON object", null);
      }
      APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "version" -> event.setVersion(text(p));
          case "routeKey" -> event.setRouteKey(text(p));
          case "rawPath" -> event.setRawPath(text(p));
          case "rawQueryString" -> event.setRawQueryString(text(p));
          case "cookies" -> event.setCookies(strings(p));
          case "headers" -> event.setHeaders(map(p));
          case "queryStringParameters" -> event.setQueryStringParameters(map(p));
          case "pathParameters" -> event.setPathParameters(map(p));
          case "stageVariables" -> event.setStageVariables(map(p));
          case "body" -> event.setBody(text(p));
          case "isBase64Encoded" -> event.setIsBase64Encoded(p.getValueAsBoolean());
          case "requestContext" -> event.setRequestContext(context(p));
          default -> p.skipChildren();
        }
      }
      return event;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new NotAnEventException("the payload is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The response as the runtime hands it to API Gateway. The stream is left open. */
  public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("statusCode", response.getStatusCode());
      if (response.getHeaders() != null) {
        g.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
          g.writeStringField(header.getKey(), header.getValue());
        }
        g.writeEndObject();
      }
      if (response.getMultiValueHeaders() != null) {
        g.writeObjectFieldStart("multiValueHeaders");
        for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
          g.writeArrayFieldStart(header.getKey());
          for (String value : header.getValue()) {
            g.writeString(value);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      if (response.getCookies() != null) {
        g.writeArrayFieldStart("cookies");
        for (String cookie : response.getCookies()) {
          g.writeString(cookie);
        }
        g.writeEndArray();
      }
      if (response.getBody() != null) {
        g.writeStringField("body", response.getBody());
      }
      g.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
      g.writeEndObject();
    }
  }

  private static RequestContext context(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    RequestContext context = new RequestContext();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "routeKey" -> context.setRouteKey(text(p));
        case "accountId" -> context.setAccountId(text(p));
        case "stage" -> context.setStage(text(p));
        case "apiId" -> context.setApiId(text(p));
        case "domainName" -> context.setDomainName(text(p));
        case "domainPrefix" -> context.setDomainPrefix(text(p));
        case "time" -> context.setTime(text(p));
        case "timeEpoch" -> context.setTimeEpoch(p.getValueAsLong());
        case "requestId" -> context.setRequestId(text(p));
        case "http" -> context.setHttp(http(p));
        case "authorizer" -> context.setAuthorizer(authorizer(p));
        default -> p.skipChildren();
      }
    }
    return context;
  }

  private static RequestContext.Http http(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    RequestContext.Http http = new RequestContext.Http();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "method" -> http.setMethod(text(p));
        case "path" -> http.setPath(text(p));
        case "protocol" -> http.setProtocol(text(p));
        case "sourceIp" -> http.setSourceIp(text(p));
        case "userAgent" -> http.setUserAgent(text(p));
        default -> p.skipChildren();
      }
    }
    return http;
  }

  /** Only a JWT authorizer's claims and scopes: the one kind the template configures. */
  private static RequestContext.Authorizer authorizer(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("jwt") && p.currentToken() == JsonToken.START_OBJECT) {
        RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "claims" -> jwt.setClaims(map(p));
            case "scopes" -> jwt.setScopes(strings(p));
            default -> p.skipChildren();
          }
        }
        authorizer.setJwt(jwt);
      } else {
        p.skipChildren();
      }
    }
    return authorizer;
  }

  /** A string field; a number or boolean as its text (as Jackson's binding would); else null. */
  private static String text(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
      return p.getValueAsString();
    }
    p.skipChildren();
    return null;
  }

  private static Map<String, String> map(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      map.put(key, text(p));
    }
    return map;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    List<String> list = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.add(text(p));
    }
    return list;
  }
}
