package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error row of SPEC §3, through the local gateway (HTTP → Lambda event → handler): the
 * status, an RFC 9457 body, the headers the spec names, and that nothing changed.
 */
class ProblemRowsTest {

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
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  /** Everything an editor can see, to prove a failed request changed nothing. */
  private String snapshot() {
    return api.editor("GET", "/editor/releases?limit=100", null).text();
  }

  private static JsonNode problem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = reply.json();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("type").asText()).startsWith("https://");
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(reply.text()).doesNotContain("Exception").doesNotContain("dev.pressfeed").doesNotContain("at java.");
    return body;
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  // ---- 400 --------------------------------------------------------------------------------

  @Test
  void malformedJsonIs400AndChangesNothing() {
    createSeed();
    String before = snapshot();
    problem(api.post("{\"title\": \"Unfinished"), 400);
    problem(api.post("{\"title\": \"a\",}"), 400);
    problem(api.post(""), 400);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void invalidUtf8Is400() {
    byte[] body = "{\"title\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    problem(api.send("POST", "/releases", body, "Authorization", "Bearer " + RunningGateway.TOKEN,
        "Content-Type", "application/json"), 400);
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    problem(api.post("[1, 2, 3]"), 400);
    problem(api.post("\"just a string\""), 400);
    problem(api.post("null"), 400);
  }

  @Test
  void wrongJsonTypesAre400ListingEveryField() {
    JsonNode body = problem(api.post(RunningGateway.seedWith(Map.of(
        "title", 42, "tags", "not-a-list", "organization", List.of("x")))), 400);
    assertThat(fields(body)).containsExactlyInAnyOrder("title", "tags", "organization");
  }

  @Test
  void unknownFieldsAre400NamingTheField() {
    JsonNode body = problem(api.post(RunningGateway.seedWith(Map.of("author", "Jane", "priority", 1))), 400);
    assertThat(fields(body)).containsExactlyInAnyOrder("author", "priority");
    JsonNode nested = problem(api.post(RunningGateway.seedWith(
        Map.of("links", List.of(Map.of("title", "a", "url", "https://a.example", "rel", "x"))))), 400);
    assertThat(fields(nested)).containsExactly("links[0].rel");
  }

  @Test
  void duplicateKeysAre400() {
    problem(api.post("{\"title\": \"a\", \"title\": \"b\", \"body\": \"x\", \"language\": \"de\"}"), 400);
  }

  @Test
  void limitOutsideOneToHundredIs400() {
    for (String limit : List.of("0", "101", "-1", "ten", "1.5", "")) {
      if (limit.isEmpty()) {
        continue;
      }
      JsonNode body = problem(api.get("/releases?limit=" + limit), 400);
      assertThat(fields(body)).containsExactly("limit");
    }
    problem(api.editor("GET", "/editor/releases?limit=500", null), 400);
  }

  @Test
  void forgedOrTruncatedCursorIs400() {
    for (int i = 0; i < 3; i++) {
      api.post(RunningGateway.seedWith(Map.of("title", "Release " + i)));
    }
    Reply first = api.get("/releases?limit=1");
    String cursor = first.json().get("next").asText();
    assertThat(cursor).isNotEmpty();
    assertThat(api.get("/releases?limit=1&cursor=" + cursor).status()).isEqualTo(200);
    problem(api.get("/releases?limit=1&cursor=" + cursor.substring(0, cursor.length() - 3)), 400);
    String forged = "A" + cursor.substring(1);
    problem(api.get("/releases?limit=1&cursor=" + forged), 400);
    problem(api.get("/releases?cursor=not-a-cursor"), 400);
    // a cursor from the public list is not accepted by the editors' list
    problem(api.editor("GET", "/editor/releases?limit=1&cursor=" + cursor, null), 400);
  }

  @Test
  void unknownEditorStatusFilterIs400() {
    problem(api.editor("GET", "/editor/releases?status=archived", null), 400);
  }

  // ---- 401 --------------------------------------------------------------------------------

  @Test
  void editorRoutesWithoutOrWithABadTokenAre401() {
    String id = createSeed();
    String before = snapshot();
    List<Reply> replies = List.of(
        api.send("POST", "/releases", RunningGateway.seedJson().getBytes(StandardCharsets.UTF_8),
            "Content-Type", "application/json"),
        api.send("POST", "/releases", RunningGateway.seedJson().getBytes(StandardCharsets.UTF_8),
            "Content-Type", "application/json", "Authorization", "Bearer wrong-token"),
        api.send("PUT", "/releases/" + id, RunningGateway.seedJson().getBytes(StandardCharsets.UTF_8),
            "If-Match", "\"v1\"", "Authorization", "Basic " + RunningGateway.TOKEN),
        api.send("DELETE", "/releases/" + id, null, "If-Match", "\"v1\""),
        api.get("/editor/releases"),
        api.get("/editor/releases/" + id, "Authorization", "Bearer " + RunningGateway.TOKEN + "x"));
    for (Reply reply : replies) {
      problem(reply, 401);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void authenticationIsCheckedBeforeTheBody() {
    problem(api.send("POST", "/releases", "{oops".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json"), 401);
  }

  // ---- 404 / 405 / 410 ---------------------------------------------------------------------

  @Test
  void unknownDraftAndEmbargoedIdsAre404OnPublicRoutes() {
    String draft = api.post(RunningGateway.seedWith(Map.of("title", "Draft", "status", "draft")))
        .json().get("id").asText();
    String embargoed = api.post(RunningGateway.seedWith(Map.of("title", "Embargoed",
        "publishAt", "2027-01-01T09:00:00+01:00"))).json().get("id").asText();
    JsonNode unknown = problem(api.get("/releases/2026-11-26-nothing-here"), 404);
    JsonNode draftProblem = problem(api.get("/releases/" + draft), 404);
    JsonNode embargoProblem = problem(api.get("/releases/" + embargoed), 404);
    // never reveal that they exist: the same answer as for an unknown id
    assertThat(draftProblem).isEqualTo(unknown);
    assertThat(embargoProblem).isEqualTo(unknown);
    assertThat(api.editor("GET", "/editor/releases/" + embargoed, null).json().get("status").asText())
        .isEqualTo("scheduled");
  }

  @Test
  void unknownPathsAre404AndUnknownMethodsOnKnownPaths405WithAllow() {
    problem(api.get("/nothing"), 404);
    Reply patch = api.send("PATCH", "/releases/abc", "{}".getBytes(StandardCharsets.UTF_8));
    problem(patch, 405);
    assertThat(patch.header("Allow")).contains("GET", "HEAD", "PUT", "DELETE");
    Reply postFeed = api.send("POST", "/feed.rss", new byte[0]);
    problem(postFeed, 405);
    assertThat(postFeed.header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void editorRoutesOnUnknownIdsAre404() {
    problem(api.editor("PUT", "/releases/2026-11-26-nope", RunningGateway.seedJson(), "If-Match", "\"v1\"",
        "Content-Type", "application/json"), 404);
    problem(api.editor("DELETE", "/releases/2026-11-26-nope", null, "If-Match", "\"v1\""), 404);
    problem(api.editor("GET", "/editor/releases/2026-11-26-nope", null), 404);
  }

  @Test
  void retractedReleaseIs410AndItsRetractionIsFinal409() {
    String id = createSeed();
    assertThat(api.editor("DELETE", "/releases/" + id, null, "If-Match", "\"v1\"").status()).isEqualTo(204);
    problem(api.get("/releases/" + id), 410);
    String before = snapshot();
    problem(api.editor("DELETE", "/releases/" + id, null, "If-Match", "\"v2\""), 409);
    problem(api.editor("PUT", "/releases/" + id, RunningGateway.seedJson(), "If-Match", "\"v2\"",
        "Content-Type", "application/json"), 409);
    // 409 comes before 428: no If-Match needed to learn that it is final
    problem(api.editor("PUT", "/releases/" + id, RunningGateway.seedJson(), "Content-Type", "application/json"), 409);
    assertThat(snapshot()).isEqualTo(before);
  }

  // ---- 409 idempotency ---------------------------------------------------------------------

  @Test
  void idempotencyKeyReusedWithAnotherBodyIs409() {
    Reply first = api.post(RunningGateway.seedJson(), "Idempotency-Key", "k-1");
    assertThat(first.status()).isEqualTo(201);
    String before = snapshot();
    JsonNode body = problem(api.post(RunningGateway.seedWith(Map.of("title", "Another")),
        "Idempotency-Key", "k-1"), 409);
    assertThat(body.get("detail").asText()).contains("Idempotency-Key");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void bodyProblemsComeBeforeTheIdempotencyConflict() {
    api.post(RunningGateway.seedJson(), "Idempotency-Key", "k-2");
    problem(api.post(RunningGateway.seedWith(Map.of("title", "")), "Idempotency-Key", "k-2"), 422);
    problem(api.post("{", "Idempotency-Key", "k-2"), 400);
  }

  // ---- 412 / 428 ---------------------------------------------------------------------------

  @Test
  void writesWithoutIfMatchAre428AndWithAStaleOne412() {
    String id = createSeed();
    String edited = RunningGateway.seedWith(Map.of("title", "Edited"));
    assertThat(api.editor("PUT", "/releases/" + id, edited, "If-Match", "\"v1\"",
        "Content-Type", "application/json").status()).isEqualTo(200);
    String before = snapshot();
    problem(api.editor("PUT", "/releases/" + id, edited, "Content-Type", "application/json"), 428);
    problem(api.editor("DELETE", "/releases/" + id, null), 428);
    problem(api.editor("PUT", "/releases/" + id, edited, "If-Match", "\"v1\"",
        "Content-Type", "application/json"), 412);
    problem(api.editor("DELETE", "/releases/" + id, null, "If-Match", "\"v1\""), 412);
    // a weak tag never matches strongly
    problem(api.editor("DELETE", "/releases/" + id, null, "If-Match", "W/\"v2\""), 412);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void preconditionsAreCheckedBeforeTheBody() {
    String id = createSeed();
    problem(api.editor("PUT", "/releases/" + id, "{broken", "Content-Type", "application/json"), 428);
    problem(api.editor("PUT", "/releases/" + id, "{broken", "If-Match", "\"v9\"",
        "Content-Type", "application/json"), 412);
    problem(api.editor("PUT", "/releases/" + id, "{broken", "If-Match", "\"v1\"",
        "Content-Type", "application/json"), 400);
  }

  // ---- 413 / 415 ---------------------------------------------------------------------------

  @Test
  void bodiesOver256KiBAre413() {
    String huge = RunningGateway.seedWith(Map.of("body", "x".repeat(300_000)));
    String before = snapshot();
    problem(api.post(huge), 413);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void bodiesThatAreNotJsonAre415() {
    Reply reply = api.editor("POST", "/releases", "title=Hello", "Content-Type", "application/x-www-form-urlencoded");
    problem(reply, 415);
    problem(api.editor("POST", "/releases", RunningGateway.seedJson(), "Content-Type", "text/plain"), 415);
  }

  // ---- 422 ---------------------------------------------------------------------------------

  @Test
  void valueRuleBreachesAre422ListingEveryFieldAtOnce() {
    String before = snapshot();
    JsonNode body = problem(api.post(RunningGateway.seedWith(Map.of(
        "title", "   ",
        "body", "",
        "language", "not a language",
        "status", "archived",
        "publishAt", "next tuesday",
        "subtitle", "s".repeat(301),
        "tags", List.of("", "t".repeat(51)),
        "links", List.of(Map.of("title", "Evil", "url", "javascript:alert(1)")),
        "contacts", List.of(Map.of("name", "Press", "email", "not-an-email")),
        "attachments", List.of(Map.of("url", "ftp://files.example/a.pdf", "length", -1))))), 422);
    assertThat(fields(body)).containsExactlyInAnyOrder("title", "body", "language", "status",
        "publishAt", "subtitle", "tags[0]", "tags[1]", "links[0].url", "contacts[0].email",
        "attachments[0].url", "attachments[0].length");
    problem(api.post(RunningGateway.seedWith(java.util.Collections.singletonMap("title", null))), 422);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void charactersXmlForbidsAre422NamingTheField() {
    JsonNode control = problem(api.post(RunningGateway.seedWith(Map.of("title", "Bell\u0007"))), 422);
    assertThat(fields(control)).containsExactly("title");
    // an escaped lone surrogate is valid JSON but not XML text
    String lone = RunningGateway.seedJson().replace("\"location\": \"Darmstadt\"", "\"location\": \"Darm\\ud800stadt\"");
    assertThat(lone).contains("\\ud800");
    assertThat(fields(problem(api.post(lone), 422))).containsExactly("location");
    assertThat(fields(problem(api.post(RunningGateway.seedWith(Map.of("summary", "no \uFFFF here"))), 422)))
        .containsExactly("summary");
  }

  @Test
  void lengthsCountCodePointsNotUtf16Units() {
    // 300 emoji are 600 UTF-16 units but 300 characters: allowed
    String emoji = "\uD83D\uDCF0".repeat(300);
    assertThat(api.post(RunningGateway.seedWith(Map.of("title", emoji))).status()).isEqualTo(201);
    problem(api.post(RunningGateway.seedWith(Map.of("title", emoji + "x"))), 422);
  }

  @Test
  void embargoMovesTheReleaseFromScheduledToPublishedWithoutAWrite() {
    String id = api.post(RunningGateway.seedWith(Map.of("publishAt", "2026-11-26T10:00:00Z")))
        .json().get("id").asText();
    problem(api.get("/releases/" + id), 404);
    api.clock.advance(Duration.ofHours(2));
    assertThat(api.get("/releases/" + id).status()).isEqualTo(200);
  }

  @Test
  void idsThatCannotBeReleaseIdsAre404WithoutReachingTheStore() {
    String longId = "a".repeat(5000);
    problem(api.get("/releases/" + longId), 404);
    // An escaped NUL: the local gateway's HTTP server (Jetty) refuses to decode it (a 400
    // problem), API Gateway passes it to the handler (404); either way a problem, never the store.
    Reply nul = api.get("/releases/%C3%A4%00x");
    problem(nul, nul.status() == 400 ? 400 : 404);
    problem(api.editor("GET", "/editor/releases/" + longId, null), 404);
    problem(api.editor("DELETE", "/releases/UPPER", null, "If-Match", "\"v1\""), 404);
  }

  @Test
  void malformedQueryEscapesAndRepeatedParametersAreNeverServerErrors() {
    // Each is a 400 problem naming the parameter (the gateway's choice) or, for the path, a 404; never a 5xx.
    for (String target : List.of("/releases?tag=%E0%A4%A&lang=%", "/feed.atom?tag=%zz",
        "/releases/%zz", "/releases/%E0%A4", "/editor/releases?status=%")) {
      assertThat(api.rawStatus("GET", target)).as(target).isBetween(200, 499);
    }
    problem(api.get("/releases?limit=10&limit=20"), 400);
    assertThat(api.get("/feed.rss?tag=%FF%FE").status()).isEqualTo(200);
  }
}
