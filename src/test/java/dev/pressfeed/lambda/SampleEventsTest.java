package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.http.ReleaseJson;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code events/*.json} is given, as its bytes (what the Lambda runtime passes a stream
 * handler), to the handler class that {@code template.yaml} names for its route, over a store
 * holding the seed release; the JSON it writes is read back with
 * {@code aws-lambda-java-serialization}, the runtime's own serialiser for these event types.
 */
class SampleEventsTest {

  /** What each sample event must answer, over a store holding only the seed release. */
  static final Map<String, Integer> EXPECTED = Map.ofEntries(
      Map.entry("get-releases.json", 200),
      Map.entry("get-release.json", 200),
      Map.entry("get-newsroom.json", 200),
      Map.entry("get-news-release.json", 200),
      Map.entry("get-sitemap.json", 200),
      Map.entry("get-robots.json", 200),
      Map.entry("get-feed-rss.json", 200),
      Map.entry("get-feed-rss-conditional.json", 304),
      Map.entry("head-feed-rss.json", 200),
      Map.entry("get-feed-atom.json", 200),
      Map.entry("get-feed-json.json", 200),
      Map.entry("post-release.json", 201),
      Map.entry("put-release.json", 200),
      Map.entry("delete-release.json", 204),
      Map.entry("get-editor-releases.json", 200),
      Map.entry("get-editor-release.json", 200),
      Map.entry("get-editor-audience.json", 200),
      Map.entry("error-post-release-without-claims.json", 401),
      Map.entry("error-post-release-not-an-editor.json", 401),
      Map.entry("error-post-release-malformed.json", 400));

  /** How the notifier function's sample events are named (an EventBridge schedule, a nudge). */
  static final String NOTIFIER_EVENTS = "notifier-";

  static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
      LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, SampleEventsTest.class.getClassLoader());
  static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
      LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, SampleEventsTest.class.getClassLoader());

  @TempDir Path dir;

  static Stream<Path> events() throws IOException {
    // The notifier's events are not API Gateway's: NotifierHandlerTest runs them.
    return Files.list(Path.of("events")).filter(p -> p.toString().endsWith(".json"))
        .filter(p -> !p.getFileName().toString().startsWith(NOTIFIER_EVENTS)).sorted();
  }

  @Test
  void everyRouteHasASampleEventAndEveryEventAnExpectedAnswer() throws IOException {
    List<String> files = events().map(p -> p.getFileName().toString()).toList();
    assertThat(files).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    List<String> routes = files.stream().map(f -> event(Path.of("events", f)).getRouteKey()).distinct().toList();
    // Every route but the HEAD twins of GET routes has one; HEAD is shown by the RSS feed's.
    assertThat(TemplateTest.SPEC_ROUTES).containsAll(routes);
    assertThat(routes).containsAll(TemplateTest.SPEC_ROUTES.stream().filter(r -> !r.startsWith("HEAD ")).toList())
        .contains("HEAD /feed.rss");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void sampleEventGetsItsAnswerFromTheHandlerTheTemplateNames(Path file) throws Exception {
    APIGatewayV2HTTPEvent event = event(file);
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Application application = new Application(Config.from(Map.of()), store,
          new TestClock(Instant.parse("2026-11-26T03:00:00Z")));
      byte[] seed = Files.readAllBytes(Path.of("events", "bodies", "seed-release.json"));
      application.newsroom().create(ReleaseRules.check(ReleaseJson.read(seed).input()).input());

      ApiHandler handler = handlerFor(event.getRouteKey(), application);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      try (InputStream in = Files.newInputStream(file)) {
        handler.handleRequest(in, json, null);
      }
      String serialised = json.toString(StandardCharsets.UTF_8);
      APIGatewayV2HTTPResponse response = RESPONSES.fromJson(serialised);
      assertThat(serialised).contains("\"statusCode\":" + EXPECTED.get(file.getFileName().toString()));
      assertThat(response.getStatusCode()).as(response.getBody())
          .isEqualTo(EXPECTED.get(file.getFileName().toString()));
      assertThat(serialised).doesNotContain("Exception").doesNotContain("at dev.pressfeed");
      if (event.getRequestContext().getHttp().getMethod().equals("HEAD")) {
        // The GET's status and headers, no body (RFC 9110 §9.1).
        assertThat(response.getHeaders()).containsKeys("Content-Type", "ETag", "Last-Modified", "Cache-Control");
        assertThat(response.getBody()).isNullOrEmpty();
      } else if (response.getStatusCode() == 200 || response.getStatusCode() == 201) {
        assertThat(response.getHeaders()).containsKey("Content-Type");
        assertThat(response.getBody()).isNotEmpty();
        // Every sample sends a browser's Accept-Encoding: public answers come back gzipped, in
        // base64 as API Gateway needs a binary body; the editor's never.
        boolean editor = event.getRouteKey().contains("/editor/") || !event.getRouteKey().startsWith("GET ");
        assertThat(response.getIsBase64Encoded()).as(file.toString()).isEqualTo(!editor);
        assertThat(response.getHeaders().get("Content-Encoding")).as(file.toString()).isEqualTo(editor ? null : "gzip");
        assertThat(response.getHeaders().get("Vary")).as(file.toString()).isEqualTo(editor ? null : "Accept-Encoding");
        response.setBody(bodyText(response.getBody(), response.getIsBase64Encoded()));
        // links point at the host API Gateway saw, and a release's url at its page
        if (file.toString().contains("news")) {
          assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
        }
        if (file.toString().contains("robots")) {
          assertThat(response.getBody()).contains("Sitemap: https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/sitemap.xml");
        } else if (file.toString().contains("audience")) {
          // Over a store no aggregator has reported to yet (SPEC §11).
          assertThat(response.getBody()).isEqualTo("{\"total\":0,\"feeds\":[]}\n");
        } else if (!file.toString().contains("feed")) {
          assertThat(response.getBody()).contains("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/news/");
        }
      }
    }
  }

  /** The body as text: a base64 body is the gzip coding, decoded and decompressed. */
  static String bodyText(String body, boolean base64) throws IOException {
    if (!base64) {
      return body;
    }
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(body)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static APIGatewayV2HTTPEvent event(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return EVENTS.fromJson(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiHandler handlerFor(String routeKey, Application application) throws Exception {
    SamTemplate template = SamTemplate.load();
    for (var function : template.functions().entrySet()) {
      if (template.routes(function.getKey()).contains(routeKey)) {
        return (ApiHandler) Class.forName(SamTemplate.handlerClass(function.getValue()))
            .getConstructor(Application.class).newInstance(application);
      }
    }
    throw new AssertionError("template.yaml routes no function for " + routeKey);
  }
}
