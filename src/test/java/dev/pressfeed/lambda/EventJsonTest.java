package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handlers' own event reader and response writer agree with the Lambda runtime's serialiser
 * for typed handlers ({@code aws-lambda-java-serialization}), which API Gateway's payloads were
 * read with before the handlers became stream handlers.
 */
class EventJsonTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.pressfeed.lambda.SampleEventsTest#events")
  void readsEverySampleEventAsTheRuntimesSerialiserDoes(Path file) throws IOException {
    APIGatewayV2HTTPEvent official;
    APIGatewayV2HTTPEvent ours;
    try (InputStream in = Files.newInputStream(file)) {
      official = SampleEventsTest.EVENTS.fromJson(in);
    }
    try (InputStream in = Files.newInputStream(file)) {
      ours = EventJson.read(in);
    }
    assertThat(ours.getRequestContext()).isNotNull();
    assertThat(ours.getRequestContext().getHttp().getMethod()).isNotBlank();
    assertThat(ours).usingRecursiveComparison().isEqualTo(official);
  }

  /**
   * A body of emoji travels as its own UTF-8 bytes: written as surrogate escapes (Jackson's
   * default) each would take 12 bytes instead of 4, and a 5 MB feed page of them would pass
   * Lambda's 6 MB response limit.
   */
  @Test
  void charactersBeyondTheBmpAreWrittenAsTheirUtf8Bytes() throws IOException {
    String body = "\uD83D\uDE00 Grüße ".repeat(10_000);
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(200);
    response.setHeaders(Map.of("Content-Type", "application/feed+json"));
    response.setBody(body);
    response.setIsBase64Encoded(false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventJson.write(response, out);
    int bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
    assertThat(out.size()).isLessThan(bodyBytes + 200);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray()).path("body").asText())
        .isEqualTo(body);
  }

  @Test
  void readsWhatAnApiGatewayEventCanCarryBeyondTheSamples() throws IOException {
    String json = """
        {"version": "2.0", "routeKey": "GET /releases", "rawPath": "/releases",
         "rawQueryString": "tag=KI&lang=de", "cookies": ["a=1", "b=2"],
         "headers": {"accept": "application/json", "x-number": 42},
         "queryStringParameters": {"tag": "KI", "lang": "de"},
         "stageVariables": {"stage": "prod"},
         "requestContext": {"accountId": "123", "apiId": "api", "domainName": "example.org",
           "domainPrefix": "example", "requestId": "r-1", "routeKey": "GET /releases",
           "stage": "$default", "time": "26/Nov/2026:05:00:00 +0000", "timeEpoch": 1795669200000,
           "http": {"method": "GET", "path": "/releases", "protocol": "HTTP/1.1",
                    "sourceIp": "192.0.2.1", "userAgent": "curl/8"},
           "authorizer": {"jwt": {"claims": {"sub": "x", "cognito:groups": "[editors]", "auth_time": 1795669200},
                                  "scopes": ["openid", "email"]}},
           "authentication": {"clientCert": {"clientCertPem": "-----BEGIN…"}},
           "somethingNew": [1, {"nested": true}]},
         "body": "ÄÖÜ ß „Zitat“ 🚀", "isBase64Encoded": false, "trailing": {"ignored": [true]}}""";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    APIGatewayV2HTTPEvent official = SampleEventsTest.EVENTS.fromJson(new ByteArrayInputStream(bytes));
    APIGatewayV2HTTPEvent ours = EventJson.read(new ByteArrayInputStream(bytes));
    assertThat(ours.getCookies()).containsExactly("a=1", "b=2");
    assertThat(ours.getHeaders()).containsEntry("x-number", "42");
    assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("auth_time", "1795669200");
    assertThat(ours.getBody()).isEqualTo("ÄÖÜ ß „Zitat“ 🚀");
    assertThat(ours).usingRecursiveComparison().isEqualTo(official);
  }

  @Test
  void writesResponsesTheRuntimesSerialiserReadsBackUnchanged() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/rss+xml; charset=utf-8");
    headers.put("ETag", "\"f-1a2b\"");
    APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(headers)
        .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Accept-Encoding")))
        .withCookies(List.of("a=1; Secure"))
        .withBody("<rss>\"quoted\" \\ back\\slash \u2028 ÄÖÜ 🚀 \u0001</rss>")
        .withIsBase64Encoded(false)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventJson.write(response, out);
    APIGatewayV2HTTPResponse read = SampleEventsTest.RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray()));
    assertThat(read).usingRecursiveComparison().isEqualTo(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "\"a string\"", "{\"rawPath\": \"/releases\"", "{\"headers\": {\"a\": }}"})
  void aPayloadThatIsNoEventIsRefused(String payload) {
    assertThatThrownBy(() -> EventJson.read(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(EventJson.NotAnEventException.class);
  }

  @Test
  void aHandlerAnswersAPayloadThatIsNoEventWithAProblemAndWritesNothing() throws IOException {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Application application = new Application(Config.from(Map.of()), store,
          new TestClock(Instant.parse("2026-11-26T03:00:00Z")));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new EditorHandler(application).handleRequest(
          new ByteArrayInputStream("{\"body\": ".getBytes(StandardCharsets.UTF_8)), out, null);
      APIGatewayV2HTTPResponse response = SampleEventsTest.RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray()));
      assertThat(response.getStatusCode()).isEqualTo(400);
      assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
      assertThat(response.getBody()).contains("not an HTTP API event").doesNotContain("Exception");
      assertThat(store.forEditors(dev.pressfeed.release.EditorView.ALL, java.util.Optional.empty(), 100, Instant.now()).items()).isEmpty();
    }
  }
}
