package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP as RFC 9110 and SPEC §3–4 say, through the local gateway: IMF-fixdate, the obsolete date
 * forms in {@code If-Modified-Since}, {@code HEAD} on every GET route, wrong JSON types in
 * arrays, declared character sets, and JSON bodies that end with a line break.
 */
class HttpDetailsTest {

  /** IMF-fixdate exactly: two-digit day, GMT. */
  static final Pattern IMF_FIXDATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
          + "\\d{2}:\\d{2}:\\d{2} GMT");
  static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

  @TempDir Path dir;
  RunningGateway api;

  @BeforeEach
  void start() throws Exception {
    api = RunningGateway.embedded(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private String createSeed() {
    Reply created = api.post(RunningGateway.seedJson());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private String snapshot() {
    return api.editor("GET", "/editor/releases?limit=100&status=all", null).text();
  }

  // --- dates ------------------------------------------------------------------------------

  @Test
  void httpDatesAreImfFixdateOnTheFirstNineDaysToo() {
    assertThat(Conditional.httpDate(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(Conditional.httpDate(Instant.parse("2026-12-03T08:05:09.999Z")))
        .isEqualTo("Thu, 03 Dec 2026 08:05:09 GMT");

    // A feed whose last change is an embargo ending on 3 December.
    createSeed();
    assertThat(api.post(RunningGateway.seedWith(Map.of("title", "Im Dezember",
        "publishAt", "2026-12-03T08:00:00Z"))).status()).isEqualTo(201);
    api.clock.set(Instant.parse("2026-12-04T09:00:00Z"));
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/releases")) {
      Reply reply = api.get(path);
      assertThat(reply.header("Last-Modified")).as(path).isEqualTo("Thu, 03 Dec 2026 08:00:00 GMT");
      assertThat(reply.header("Last-Modified")).matches(IMF_FIXDATE);
    }
  }

  @Test
  void everyFormOfHttpDateARecipientMustReadIsRead() {
    Instant expected = Instant.parse("1994-11-06T08:49:37Z");
    assertThat(Conditional.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(expected);
    assertThat(Conditional.parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(expected);
    assertThat(Conditional.parseHttpDate("Sun Nov  6 08:49:37 1994", NOW)).contains(expected);
    assertThat(Conditional.parseHttpDate("Sun Nov 16 08:49:37 1994", NOW))
        .contains(Instant.parse("1994-11-16T08:49:37Z"));
    // What this API wrote before: a one-digit day.
    assertThat(Conditional.parseHttpDate("Thu, 1 Jan 1970 00:00:00 GMT", NOW)).contains(Instant.EPOCH);

    // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the last such year past.
    assertThat(Conditional.parseHttpDate("Thursday, 26-Nov-26 09:00:00 GMT", NOW)).contains(NOW);
    assertThat(Conditional.parseHttpDate("Monday, 26-Nov-76 09:00:00 GMT", NOW))
        .contains(Instant.parse("2076-11-26T09:00:00Z"));
    assertThat(Conditional.parseHttpDate("Tuesday, 01-Jan-77 00:00:00 GMT", NOW))
        .contains(Instant.parse("1977-01-01T00:00:00Z"));
    assertThat(Conditional.parseHttpDate("Thursday, 01-Jan-70 00:00:00 GMT", Instant.parse("2021-01-01T00:00:00Z")))
        .contains(Instant.parse("2070-01-01T00:00:00Z"));

    for (String unreadable : List.of("", "yesterday", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sunday, 31-Feb-94 08:49:37 GMT", "Sun Feb 31 08:49:37 1994", "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994 GMT", "Sun Xyz  6 08:49:37 1994", "Sunday, 06-Nov-94 25:49:37 GMT")) {
      assertThat(Conditional.parseHttpDate(unreadable, NOW)).as(unreadable).isEqualTo(Optional.empty());
    }
  }

  @Test
  void ifModifiedSinceIsHonouredInTheObsoleteFormsAndAnUnreadableDateIgnored() {
    String id = createSeed();
    api.clock.advance(Duration.ofMinutes(1));
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/releases", "/releases/" + id)) {
      Reply first = api.get(path);
      Instant lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.parse(first.header("Last-Modified"), Instant::from);
      for (Instant since : List.of(lastModified, lastModified.plusSeconds(30))) {
        assertThat(api.get(path, "If-Modified-Since", rfc850(since)).status()).as(path + " " + rfc850(since))
            .isEqualTo(304);
        assertThat(api.get(path, "If-Modified-Since", asctime(since)).status()).as(path + " " + asctime(since))
            .isEqualTo(304);
      }
      Instant before = lastModified.minusSeconds(1);
      assertThat(api.get(path, "If-Modified-Since", rfc850(before)).status()).isEqualTo(200);
      assertThat(api.get(path, "If-Modified-Since", asctime(before)).status()).isEqualTo(200);
      assertThat(api.get(path, "If-Modified-Since", "Sunday, 31-Feb-94 08:49:37 GMT").status())
          .as("unreadable: ignored").isEqualTo(200);
    }
  }

  private static String rfc850(Instant t) {
    return DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US)
        .format(t.atOffset(ZoneOffset.UTC));
  }

  private static String asctime(Instant t) {
    return DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).format(t.atOffset(ZoneOffset.UTC));
  }

  // --- HEAD -------------------------------------------------------------------------------

  @Test
  void everyGetRouteAnswersHeadWithTheGetsStatusAndHeadersAndNoBody() {
    String id = createSeed();
    List<String[]> reads = List.of(
        new String[] {"/releases"}, new String[] {"/releases?limit=1&tag=Smart%20City"},
        new String[] {"/releases/" + id}, new String[] {"/releases/2026-11-26-unknown"},
        new String[] {"/feed.rss"}, new String[] {"/feed.atom?lang=de"}, new String[] {"/feed.json"},
        new String[] {"/releases?limit=0"},
        new String[] {"/editor/releases", "Authorization", "Bearer " + RunningGateway.TOKEN},
        new String[] {"/editor/releases/" + id, "Authorization", "Bearer " + RunningGateway.TOKEN},
        new String[] {"/editor/releases/" + id});
    for (String[] read : reads) {
      String path = read[0];
      String[] headers = java.util.Arrays.copyOfRange(read, 1, read.length);
      Reply get = api.send("GET", path, null, headers);
      Reply head = api.send("HEAD", path, null, headers);
      assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
      assertThat(head.body()).as("HEAD " + path).isEmpty();
      for (String name : List.of("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Link", "Allow")) {
        assertThat(head.header(name)).as(name + " of HEAD " + path).isEqualTo(get.header(name));
      }
      if (get.header("ETag") != null && get.status() == 200) {
        String[] conditional = java.util.Arrays.copyOf(headers, headers.length + 2);
        conditional[headers.length] = "If-None-Match";
        conditional[headers.length + 1] = get.header("ETag");
        int expected = path.startsWith("/editor") ? 200 : 304;
        assertThat(api.send("HEAD", path, null, conditional).status()).as("conditional HEAD " + path)
            .isEqualTo(expected);
      }
    }
    assertThat(api.send("HEAD", "/nothing", null).status()).isEqualTo(404);
    Reply unauthorised = api.send("HEAD", "/editor/releases", null);
    assertThat(unauthorised.status()).isEqualTo(401);
    assertThat(unauthorised.body()).isEmpty();
  }

  @Test
  void headRoutesAreRouteKeysOfTheirOwnAndListedInAllow() {
    Router router = new Router()
        .add("GET", "/things", (request, params) -> Response.of(200, "text/plain", "all"))
        .add("POST", "/things", (request, params) -> Response.empty(201))
        .add("GET", "/things/{id}", (request, params) -> Response.of(200, "text/plain", params.get("id")));
    assertThat(router.routeKeys()).containsExactly(
        "GET /things", "HEAD /things", "POST /things", "GET /things/{id}", "HEAD /things/{id}");
    Response head = router.handle(request("HEAD", "/things/abc"));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers()).containsEntry("Content-Type", "text/plain");
    assertThat(head.body()).isEmpty();
    Response refused = router.handle(request("DELETE", "/things"));
    assertThat(refused.status()).isEqualTo(405);
    assertThat(refused.headers()).containsEntry("Allow", "GET, HEAD, POST");
    Response headOnlyPost = new Router().add("POST", "/x", (request, params) -> Response.empty(201))
        .handle(request("HEAD", "/x"));
    assertThat(headOnlyPost.status()).as("HEAD is offered only where GET is").isEqualTo(405);
    assertThat(headOnlyPost.body()).isEmpty();

    // An explicit HEAD route (as the local gateway mounts route keys) replaces the implicit one.
    Router mounted = new Router()
        .add("GET", "/things", (request, params) -> Response.of(200, "text/plain", "get"))
        .add("HEAD", "/things", (request, params) -> Response.of(299, "text/plain", "head"));
    assertThat(mounted.routeKeys()).containsExactly("GET /things", "HEAD /things");
    assertThat(mounted.handle(request("HEAD", "/things")).status()).isEqualTo(299);
  }

  private static Request request(String method, String path) {
    return new Request(method, path, Map.of(), Map.of(), new byte[0], Optional.empty(), "https://x.example");
  }

  // --- request bodies ---------------------------------------------------------------------

  @Test
  void wrongTypesAnywhereInArraysAreRefusedNamingTheElement() {
    createSeed();
    String before = snapshot();
    Map<String, Object[]> cases = Map.of(
        "tags", new Object[] {null, "a"},
        "contacts", new Object[] {Map.of("name", "Presse"), null},
        "links", new Object[] {5},
        "attachments", new Object[] {"https://example.org/a.pdf"});
    List<String> fields = new ArrayList<>();
    cases.forEach((field, value) -> {
      Reply reply = api.post(RunningGateway.seedWith(Map.of(field, java.util.Arrays.asList(value))));
      JsonNode problem = problem(reply, 400);
      String element = field + "[" + (field.equals("contacts") ? 1 : 0) + "]";
      assertThat(problem.get("errors").findValuesAsText("field")).as(reply.text()).containsExactly(element);
      fields.add(element);
    });
    assertThat(problem(api.post(RunningGateway.seedWith(Map.of("tags", List.of(List.of("a"), "b", 3)))), 400)
        .get("errors").findValuesAsText("field")).containsExactly("tags[0]", "tags[2]");

    // All at once: every element named in one answer.
    Map<String, Object> all = new java.util.HashMap<>();
    cases.forEach((field, value) -> all.put(field, java.util.Arrays.asList(value)));
    String body = RunningGateway.seedWith(all);
    assertThat(problem(api.post(body), 400).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrderElementsOf(fields);
    assertThat(snapshot()).as("a refused request changes nothing").isEqualTo(before);
  }

  @Test
  void aBodyDeclaredInAnotherCharsetThanUtf8IsRefusedWith415() {
    createSeed();
    String before = snapshot();
    for (String type : List.of("application/json; charset=latin1", "application/json;charset=ISO-8859-1",
        "application/json; charset=\"windows-1252\"", "application/json; charset=utf-16",
        "application/json; charset=utf-8; charset=latin1", "application/json; charset=")) {
      Reply reply = api.editor("POST", "/releases", RunningGateway.seedWith(Map.of("title", "Zeichensatz")),
          "Content-Type", type);
      problem(reply, 415);
    }
    // 415 comes before the body is read (SPEC §3: 413, 415, 400, 422).
    problem(api.editor("POST", "/releases", "{not json", "Content-Type", "application/json; charset=latin1"), 415);
    assertThat(snapshot()).isEqualTo(before);

    String etag = null;
    for (String type : List.of("application/json", "application/json; charset=utf-8",
        "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"", "application/json ; CHARSET = Utf-8")) {
      Reply reply = api.editor("POST", "/releases", RunningGateway.seedWith(Map.of("title", "Zeichensatz " + type)),
          "Content-Type", type);
      assertThat(reply.status()).as(type + ": " + reply.text()).isEqualTo(201);
      etag = reply.header("ETag");
    }
    assertThat(etag).isNotNull();
  }

  private static JsonNode problem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    return reply.json();
  }

  // --- bodies end with a line break -------------------------------------------------------

  @Test
  void everyJsonAnswerEndsWithALineBreak() {
    Reply created = api.post(RunningGateway.seedJson());
    String id = created.json().get("id").asText();
    List<Reply> answers = List.of(created, api.get("/releases"), api.get("/releases/" + id),
        api.get("/feed.json"), api.get("/nothing"), api.editor("GET", "/editor/releases", null),
        api.editor("GET", "/editor/releases/" + id, null),
        api.editor("PUT", "/releases/" + id, RunningGateway.seedJson(), "If-Match", "\"stale\"",
            "Content-Type", "application/json"),
        api.post("{\"title\": 1}"), api.post("{}"));
    for (Reply reply : answers) {
      String text = new String(reply.body(), StandardCharsets.UTF_8);
      assertThat(text).as(reply.status() + " " + reply.header("Content-Type")).endsWith("}\n");
      assertThat(text.substring(0, text.length() - 1)).doesNotEndWith("\n");
      reply.json(); // still one JSON value
    }
    // The ETag of a release names its version, not its bytes: the same before and after.
    Reply one = api.get("/releases/" + id);
    assertThat(one.header("ETag")).isEqualTo(created.header("ETag"));
    assertThat(api.get("/releases/" + id, "If-None-Match", one.header("ETag")).status()).isEqualTo(304);
  }
}
