package dev.pressfeed.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.release.ReleaseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The newsroom as the pages function and the editors' function run it, without the transport:
 * an {@link Application} over a real store (counted by {@link CountingStore}) and a clock the
 * test moves; editors write through the editor API, readers read pages, and the API and feeds
 * are there to compare with. Requests go to the routers as API Gateway hands them over: the
 * path as sent, the query decoded, header names in lower case.
 */
final class FrontDesk {

  static final String BASE = "https://press.example";
  static final String EDITOR = "pages-test";
  static final ObjectMapper JSON = new ObjectMapper();

  final TestClock clock;
  final CountingStore counted;
  private final Router pages;
  private final Router editor;
  private final Router api;
  private final Router feeds;

  FrontDesk(ReleaseStore store, Map<String, String> env, Instant start) {
    this(new CountingStore(store), env, new TestClock(start));
  }

  /** Another desk over the same store and clock, with another configuration. */
  FrontDesk with(Map<String, String> env) {
    return new FrontDesk(counted, env, clock);
  }

  private FrontDesk(CountingStore counted, Map<String, String> env, TestClock clock) {
    this.counted = counted;
    this.clock = clock;
    Application application = new Application(Config.from(env), counted.store(), clock);
    this.pages = application.pagesRouter();
    this.editor = application.editorRouter();
    this.api = application.publicRouter();
    this.feeds = application.feedRouter();
  }

  // ---- editors ------------------------------------------------------------------------------

  /** {@code POST /releases} as an editor; the clock then moves on a minute. */
  Response post(String json) {
    return post(json.getBytes(StandardCharsets.UTF_8));
  }

  Response post(byte[] json) {
    Response response = editor.handle(new Request("POST", "/releases", Map.of(),
        Map.of("content-type", "application/json"), json, Optional.of(new Request.Editor(EDITOR)), BASE));
    clock.advance(Duration.ofMinutes(1));
    return response;
  }

  /** Posts a release that must be accepted; its id. */
  String publish(String json) {
    Response response = post(json);
    if (response.status() != 201) {
      throw new AssertionError("POST /releases answered " + response.status() + ": " + response.bodyText());
    }
    return json(response).get("id").asText();
  }

  /** The release as the editors' API shows it. */
  JsonNode editorsView(String id) {
    Response response = asEditor("GET", "/editor/releases/" + id, null, Map.of());
    if (response.status() != 200) {
      throw new AssertionError("GET /editor/releases/" + id + " answered " + response.status());
    }
    return json(response);
  }

  /** {@code DELETE /releases/{id}} (retraction) with the current ETag; the clock moves a minute. */
  void retract(String id) {
    String etag = asEditor("GET", "/editor/releases/" + id, null, Map.of()).headers().get("ETag");
    Response response = asEditor("DELETE", "/releases/" + id, null, Map.of("if-match", etag));
    if (response.status() != 204) {
      throw new AssertionError("DELETE answered " + response.status() + ": " + response.bodyText());
    }
    clock.advance(Duration.ofMinutes(1));
  }

  /** {@code PUT /releases/{id}} with the current ETag; the clock moves a minute. */
  void revise(String id, String json) {
    String etag = asEditor("GET", "/editor/releases/" + id, null, Map.of()).headers().get("ETag");
    Response response = asEditor("PUT", "/releases/" + id, json.getBytes(StandardCharsets.UTF_8),
        Map.of("if-match", etag, "content-type", "application/json"));
    if (response.status() != 200) {
      throw new AssertionError("PUT answered " + response.status() + ": " + response.bodyText());
    }
    clock.advance(Duration.ofMinutes(1));
  }

  private Response asEditor(String method, String path, byte[] body, Map<String, String> headers) {
    return editor.handle(new Request(method, path, Map.of(), headers, body,
        Optional.of(new Request.Editor(EDITOR)), BASE));
  }

  // ---- readers ------------------------------------------------------------------------------

  /** A {@code GET} of a page; {@code headers} are name, value, name, value… */
  Response get(String pathAndQuery, String... headers) {
    return read(pages, "GET", pathAndQuery, headers);
  }

  Response head(String pathAndQuery, String... headers) {
    return read(pages, "HEAD", pathAndQuery, headers);
  }

  /** A {@code GET} of a page with its query given decoded (any characters at all). */
  Response get(String path, Map<String, String> query, String... headers) {
    return pages.handle(new Request("GET", path, query, headers(headers), null, Optional.empty(), BASE));
  }

  /** A {@code GET} of the public JSON API ({@code /releases…}). */
  Response api(String pathAndQuery, String... headers) {
    return read(api, "GET", pathAndQuery, headers);
  }

  /** A {@code GET} of a feed. */
  Response feed(String pathAndQuery, String... headers) {
    return read(feeds, "GET", pathAndQuery, headers);
  }

  /** A page that must answer 200, parsed. */
  ParsedPage page(String pathAndQuery) {
    Response response = get(pathAndQuery);
    if (response.status() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + response.status() + ": "
          + response.bodyText());
    }
    return ParsedPage.of(response);
  }

  private static Response read(Router router, String method, String pathAndQuery, String... headers) {
    String path = pathAndQuery;
    Map<String, String> query = Map.of();
    if (pathAndQuery.startsWith(BASE)) {
      path = pathAndQuery.substring(BASE.length());
    }
    int mark = path.indexOf('?');
    if (mark >= 0) {
      query = ParsedPage.query("https://x" + path);
      path = path.substring(0, mark);
    }
    return router.handle(new Request(method, path, query, headers(headers), null, Optional.empty(), BASE));
  }

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1]);
    }
    return headers;
  }

  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
