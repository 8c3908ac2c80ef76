package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 1, one case each: a release whose Markdown refers to a character XML forbids
 * took a feed down (500 on every page holding it), C1 controls were accepted, and a rendering
 * stored by that code keeps its poison until it is composed again.
 */
class PoisonReleaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EmbeddedReleaseStore store;
  private PressOffice office;

  @BeforeEach
  void open() {
    store = EmbeddedReleaseStore.open(dir);
    office = new PressOffice(store, 20);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aVerticalTabWrittenAsAReferenceLeavesEveryFeedReadable() {
    Response created = office.post(
        "{\"title\":\"x\",\"body\":\"Vertical tab &#x0B; here.\",\"language\":\"en\"}");

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    for (String feed : List.of("/feed.atom", "/feed.rss", "/feed.json")) {
      String page = readable(feed);
      assertThat(page).as(feed).contains("Vertical tab \uFFFD here.");
    }
    FeedCheck.releaseJson(created.bodyText(), "the created release");
  }

  @Test
  void nonCharactersWrittenAsReferencesLeaveEveryFeedReadable() {
    Response created = office.post("{\"title\":\"x\",\"body\":\"Not &#xFFFE; characters &#xFFFF; "
        + "&#xFDD0; &#x1FFFE; &#x85; &#127; &#xD800;\",\"language\":\"en\"}");

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    for (String feed : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
      readable(feed);
    }
  }

  @Test
  void c1ControlsDelAndNonCharactersAsTypedAre422NamingTheField() {
    assertRefused("{\"title\":\"Next\u0085line\",\"body\":\"b\",\"language\":\"en\"}", "title");
    assertRefused("{\"title\":\"t\",\"body\":\"C1 \\u0080 escaped\",\"language\":\"en\"}", "body");
    assertRefused("{\"title\":\"t\",\"body\":\"b\",\"language\":\"en\",\"tags\":[\"a\u007Fb\"]}", "tags[0]");
    assertRefused("{\"title\":\"t\",\"body\":\"b\",\"language\":\"en\",\"contacts\":[{\"name\":\"N\\ufdd0N\"}]}",
        "contacts[0].name");
    assertRefused("{\"title\":\"t\",\"body\":\"b\",\"language\":\"en\",\"about\":\"plane 16 \\udbff\\udfff\"}",
        "about");
    assertRefused("{\"title\":\"t\",\"body\":\"b\",\"language\":\"en\",\"summary\":\"\\ufffe\","
        + "\"location\":\"Darm\\ud800stadt\",\"links\":[{\"title\":\"a\\u009fb\",\"url\":\"https://a.example\"}],"
        + "\"attachments\":[{\"url\":\"https://a.example/x.pdf\",\"title\":\"\\ud83f\\udfff\"}]}",
        "summary", "location", "links[0].title", "attachments[0].title");
    assertThat(office.store().feedState().revision()).as("nothing was written").isZero();

    // Bidi marks, joiners and astral characters are text like any other.
    Response bidi = office.post("{\"title\":\"\u200F\u05E2\u05D1\u05E8\u05D9\u05EA\u200E 😀 \\ud83d\\udc69\u200D\\ud83d\\udc67\","
        + "\"body\":\"\u2067\u0627\u0644\u0639\u0631\u0628\u064A\u0629\u2069 \\ud835\\udc00\",\"language\":\"he\"}");
    assertThat(bidi.status()).as(bidi.bodyText()).isEqualTo(201);
  }

  @Test
  void aRefusedCharacterAtTheEdgeOfATrimmedFieldIsRefusedNotTrimmedAway() {
    // String.strip() takes U+000B and U+001C–U+001F off the ends: found by the fuzzer, these
    // were dropped in silence (201 with "x") instead of refused.
    assertRefused("{\"title\":\"x\\u000B\",\"subtitle\":\"\\u001F A\",\"body\":\"b\",\"language\":\"en\","
        + "\"location\":\" \\u000C \",\"tags\":[\"\\u001Ca\"],\"links\":[{\"title\":\"t\","
        + "\"url\":\"https://a.example/\\u001E\"}]}",
        "title", "subtitle", "location", "tags[0]", "links[0].url");
    assertThat(office.store().feedState().revision()).as("nothing was written").isZero();

    // Whitespace a feed can carry is still trimmed.
    Response trimmed = office.post("{\"title\":\" \\t x \\n\",\"body\":\"b\",\"language\":\"en\"}");
    assertThat(trimmed.status()).as(trimmed.bodyText()).isEqualTo(201);
  }

  @Test
  void aRenderingStoredByEarlierCodeWithAPoisonCharacterIsComposedAgainOnRead() {
    // As the code before the fix stored it: the vertical tab decoded into every derived text.
    ReleaseInput input = ReleaseRules.check(new ReleaseInput("x", null, null,
        "Vertical tab &#x0B; here.", "en", "published", null, null, List.of("Alt"), null,
        List.of(), List.of(), null, List.of())).input();
    Rendering poison = new Rendering(1, "<p>Vertical tab \u000B here.</p>\n", null,
        "<div><p>Vertical tab \u000B here.</p>\n</div>", "Vertical tab \u000B here.");
    Instant then = Instant.parse("2026-01-01T09:00:00Z");
    assertThat(store.insert(new Release("2026-01-01-x", "urn:uuid:6f1c1b2e-9a38-4d43-9d0a-0d7b2e1f2a11",
        input, Release.State.PUBLISHED, then, then, then, 1, poison))).isTrue();

    for (String feed : PressOffice.FEEDS) {
      assertThat(readable(feed)).as(feed).contains("Vertical tab \uFFFD here.");
      office.walk(feed, Map.of("tag", "Alt"));
      office.walk(feed, Map.of("lang", "en"));
    }
  }

  /** A feed's first page: 200, well-formed, readable by Rome or Jackson; its text. */
  private String readable(String feed) {
    Response page = office.get(feed, Map.of());
    assertThat(page.status()).as(feed + ": " + page.bodyText()).isEqualTo(200);
    FeedCheck.wellFormed(feed, page.bodyText(), feed);
    return feed.endsWith(".json") ? page.bodyText().replace("\\uFFFD", "\uFFFD") : page.bodyText();
  }

  private void assertRefused(String json, String... fields) {
    Response answer = office.post(json);
    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(422);
    assertThat(answer.headers().get("Content-Type")).startsWith("application/problem+json");
    try {
      JsonNode problem = JSON.readTree(answer.bodyText());
      assertThat(new HashSet<>(HostileRelease.fieldsOf(problem))).isEqualTo(Set.of(fields));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
