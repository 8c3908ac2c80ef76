package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.Fixtures;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A press office's day through the local gateway: post, read, edit, list, retract. */
class ReleaseLifecycleTest {

  static final String SEED_ID =
      "2020-09-14-it-for-work-e-v-gratuliert-zum-erfolg-der-wissenschaftsstadt-darmstadt-im";

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

  @Test
  void postingTheSeedReleaseGivesAReadableIdLocationAndETag() {
    Reply created = api.post(RunningGateway.seedJson());
    assertThat(created.status()).isEqualTo(201);
    JsonNode release = created.json();
    assertThat(release.get("id").asText()).isEqualTo(SEED_ID);
    assertThat(created.header("Location")).isEqualTo(api.base() + "/releases/" + SEED_ID);
    assertThat(release.get("url").asText()).isEqualTo(api.base() + "/news/" + SEED_ID);
    assertThat(created.header("ETag")).isEqualTo("\"v1\"");
    assertThat(release.get("status").asText()).isEqualTo("published");
    assertThat(release.get("publishAt").asText()).isEqualTo("2020-09-14T07:00:00Z");
    assertThat(release.get("publishedAt").asText()).isEqualTo("2020-09-14T07:00:00Z");
    assertThat(release.get("version").asInt()).isEqualTo(1);
    assertThat(release.get("bodyHtml").asText()).contains("<blockquote>").contains("„Modellprojekte Smart Cities“");
    assertThat(release.get("aboutHtml").asText()).startsWith("<p>IT FOR WORK vernetzt");
    assertThat(release.get("contacts").get(0).get("email").asText()).isEqualTo("info@it-for-work.de");
    assertThat(release.get("tags")).hasSize(3);
  }

  @Test
  void theUrlFieldLeadsToTheReleasePageWhileTheApiKeepsItsOwnUrlInLocation() {
    Reply created = api.post(RunningGateway.seedJson());
    String page = api.base() + "/news/" + SEED_ID;
    String location = created.header("Location");
    assertThat(location).as("the API's URL, for the editor's client").isEqualTo(api.base() + "/releases/" + SEED_ID);
    assertThat(created.json().get("url").asText()).as("the page, for people").isEqualTo(page);

    // Location still answers JSON: the API did not move.
    Reply read = api.get(location.substring(api.base().length()));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Content-Type")).startsWith("application/json");
    assertThat(read.json().get("url").asText()).isEqualTo(page);
    JsonNode item = api.get("/releases").json().get("items").get(0);
    assertThat(item.get("url").asText()).isEqualTo(page);
    JsonNode editors = api.editor("GET", "/editor/releases/" + SEED_ID, null).json();
    assertThat(editors.get("url").asText()).isEqualTo(page);
  }

  @Test
  void theLargestBodyAnEditorCanSendIsAcceptedStoredAndServedWhole() {
    String largest = RunningGateway.seedWith(Map.of("body", Fixtures.largestBody()));
    String larger = RunningGateway.seedWith(Map.of("body", Fixtures.largestBody() + "\n\n" + "😀".repeat(100)));
    assertThat(api.post(larger).status()).as("a paragraph more").isEqualTo(413);

    Reply created = api.post(largest);

    assertThat(created.status()).isEqualTo(201);
    Reply read = api.get("/releases/" + SEED_ID);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("body").asText()).isEqualTo(Fixtures.largestBody());
    assertThat(read.json().get("bodyHtml")).isEqualTo(created.json().get("bodyHtml"));
    for (String feed : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
      Reply answer = api.get(feed);
      assertThat(answer.status()).as(feed).isEqualTo(200);
      // The XML feeds write astral characters as character references.
      assertThat(answer.text().replace("&#x1f600;", "😀")).as(feed).contains("😀".repeat(100));
    }
  }

  @Test
  void theSameVersionHasTheSameETagOnEveryRoute() {
    Reply created = api.post(RunningGateway.seedJson());
    Reply publicGet = api.get("/releases/" + SEED_ID);
    Reply editorGet = api.editor("GET", "/editor/releases/" + SEED_ID, null);
    assertThat(publicGet.header("ETag")).isEqualTo(created.header("ETag"));
    assertThat(editorGet.header("ETag")).isEqualTo(created.header("ETag"));
    Reply put = api.editor("PUT", "/releases/" + SEED_ID, RunningGateway.seedWith(Map.of("title", "Neu")),
        "If-Match", created.header("ETag"), "Content-Type", "application/json");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("ETag")).isNotEqualTo(created.header("ETag"));
    assertThat(api.get("/releases/" + SEED_ID).header("ETag")).isEqualTo(put.header("ETag"));
  }

  @Test
  void editingKeepsTheIdAndCountsVersions() {
    api.post(RunningGateway.seedJson());
    Reply put = api.editor("PUT", "/releases/" + SEED_ID,
        RunningGateway.seedWith(Map.of("title", "Ganz neuer Titel")), "If-Match", "\"v1\"",
        "Content-Type", "application/json");
    JsonNode release = put.json();
    assertThat(release.get("id").asText()).isEqualTo(SEED_ID);
    assertThat(release.get("title").asText()).isEqualTo("Ganz neuer Titel");
    assertThat(release.get("version").asInt()).isEqualTo(2);
    assertThat(release.get("createdAt").asText()).isNotEqualTo(null);
  }

  @Test
  void publicGetAnswers304ToAMatchingIfNoneMatch() {
    api.post(RunningGateway.seedJson());
    Reply first = api.get("/releases/" + SEED_ID);
    assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(first.header("Last-Modified")).isNotBlank();
    Reply again = api.get("/releases/" + SEED_ID, "If-None-Match", first.header("ETag"));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    Reply since = api.get("/releases/" + SEED_ID, "If-Modified-Since", first.header("Last-Modified"));
    assertThat(since.status()).isEqualTo(304);
    Reply list = api.get("/releases");
    assertThat(api.get("/releases", "If-None-Match", list.header("ETag")).status()).isEqualTo(304);
  }

  @Test
  void retryWithTheSameKeyAndBodyReturnsTheFirstResponseAndCreatesNothing() {
    Reply first = api.post(RunningGateway.seedJson(), "Idempotency-Key", "press-2020-09-14");
    // the same JSON value with other whitespace and key order
    String reordered = "{\"language\":\"de\"," + RunningGateway.seedJson().strip().substring(1)
        .replace("\"language\": \"de\",", "");
    Reply retry = api.post(reordered, "Idempotency-Key", "press-2020-09-14");
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(api.editor("GET", "/editor/releases", null).json().get("items")).hasSize(1);
    // without a key, the same body makes a second release with the next id
    Reply second = api.post(RunningGateway.seedJson());
    assertThat(second.json().get("id").asText()).isEqualTo(SEED_ID + "-2");
  }

  @Test
  void keysAreScopedPerEditorAndWithoutAKeyEveryPostCreates() {
    api.post(RunningGateway.seedJson(), "Idempotency-Key", "a");
    api.post(RunningGateway.seedJson(), "Idempotency-Key", "b");
    api.post(RunningGateway.seedJson());
    assertThat(api.editor("GET", "/editor/releases", null).json().get("items")).hasSize(3);
  }

  @Test
  void listsAreNewestFirstAndPagesReachEveryReleaseOnce() {
    for (int i = 0; i < 25; i++) {
      api.post(RunningGateway.seedWith(Map.of("title", "Meldung " + i,
          "publishAt", String.format("2026-10-%02dT09:00:00Z", i + 1))));
    }
    List<String> titles = new ArrayList<>();
    String path = "/releases?limit=10";
    int pages = 0;
    while (path != null) {
      Reply page = api.get(path);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(item -> {
        titles.add(item.get("title").asText());
        assertThat(item.has("body")).isFalse();
        assertThat(item.has("bodyHtml")).isFalse();
        assertThat(item.has("about")).isFalse();
        assertThat(item.has("aboutHtml")).isFalse();
      });
      String link = page.header("Link");
      JsonNode next = page.json().get("next");
      if (next.isNull()) {
        assertThat(link).isNull();
        path = null;
      } else {
        assertThat(link).startsWith("<" + api.base() + "/releases?").endsWith(">; rel=\"next\"");
        path = link.substring(1, link.indexOf('>')).substring(api.base().length());
      }
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(titles).hasSize(25);
    assertThat(new HashSet<>(titles)).hasSize(25);
    assertThat(titles.get(0)).isEqualTo("Meldung 24");
    assertThat(titles.get(24)).isEqualTo("Meldung 0");
  }

  @Test
  void tagAndLanguageFiltersAreCaseInsensitiveAndMatchSubtags() {
    api.post(RunningGateway.seedWith(Map.of("title", "Deutsch", "language", "de-DE", "tags", List.of("Smart City"))));
    api.post(RunningGateway.seedWith(Map.of("title", "English", "language", "en", "tags", List.of("Cloud"))));
    assertThat(titles(api.get("/releases?lang=DE"))).containsExactly("Deutsch");
    assertThat(titles(api.get("/releases?tag=smart%20city"))).containsExactly("Deutsch");
    assertThat(titles(api.get("/releases?tag=CLOUD&lang=en"))).containsExactly("English");
    assertThat(titles(api.get("/releases?tag=cloud&lang=de"))).isEmpty();
    assertThat(titles(api.get("/releases?unknown=1"))).hasSize(2);
  }

  @Test
  void draftsAndEmbargoesAreHiddenInPublicListsAndVisibleToEditors() {
    Map<String, Object> draft = new java.util.HashMap<>(Map.of("title", "Entwurf", "status", "draft"));
    draft.put("publishAt", null);
    api.post(RunningGateway.seedWith(draft));
    api.post(RunningGateway.seedWith(Map.of("title", "Sperrfrist", "publishAt", "2026-11-27T09:00:00Z")));
    api.post(RunningGateway.seedWith(Map.of("title", "Veröffentlicht")));
    assertThat(titles(api.get("/releases"))).containsExactly("Veröffentlicht");
    Reply all = api.editor("GET", "/editor/releases", null);
    assertThat(all.header("Cache-Control")).isEqualTo("no-store");
    assertThat(titles(all)).containsExactlyInAnyOrder("Entwurf", "Sperrfrist", "Veröffentlicht");
    assertThat(titles(api.editor("GET", "/editor/releases?status=scheduled", null))).containsExactly("Sperrfrist");
    assertThat(titles(api.editor("GET", "/editor/releases?status=draft", null))).containsExactly("Entwurf");
    JsonNode stored = api.editor("GET", "/editor/releases?status=draft", null).json().get("items").get(0);
    assertThat(stored.get("publishedAt").isNull()).isTrue();
    // the list's max-age never outlives the next embargo end (here: 24 h away, so the default)
    assertThat(api.get("/releases").header("Cache-Control")).isEqualTo("public, max-age=300");
    api.clock.advance(Duration.ofHours(23).plusMinutes(59));
    assertThat(api.get("/releases").header("Cache-Control")).isEqualTo("public, max-age=60");
    api.clock.advance(Duration.ofMinutes(2));
    assertThat(titles(api.get("/releases"))).containsExactly("Sperrfrist", "Veröffentlicht");
  }

  @Test
  void retractionRemovesTheReleaseFromListsAndFeeds() {
    api.post(RunningGateway.seedJson());
    assertThat(api.get("/feed.rss").text()).contains(SEED_ID);
    Reply deleted = api.editor("DELETE", "/releases/" + SEED_ID, null, "If-Match", "\"v1\"");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(titles(api.get("/releases"))).isEmpty();
    assertThat(api.get("/feed.rss").text()).doesNotContain(SEED_ID);
    assertThat(api.editor("GET", "/editor/releases/" + SEED_ID, null).json().get("status").asText())
        .isEqualTo("retracted");
  }

  @Test
  void aPollWithAnOldValidatorGetsTheNewVersionOrTheRetraction() {
    api.post(RunningGateway.seedJson());
    Reply v1 = api.get("/releases/" + SEED_ID);
    Reply put = api.editor("PUT", "/releases/" + SEED_ID,
        RunningGateway.seedWith(Map.of("title", "Ganz neuer Titel")), "If-Match", "\"v1\"");
    assertThat(put.status()).isEqualTo(200);

    Reply edited = api.get("/releases/" + SEED_ID, "If-None-Match", v1.header("ETag"));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.header("ETag")).isEqualTo("\"v2\"");
    assertThat(edited.json().get("title").asText()).isEqualTo("Ganz neuer Titel");
    assertThat(api.get("/releases/" + SEED_ID, "If-None-Match", "\"v2\"").status()).isEqualTo(304);

    api.clock.advance(java.time.Duration.ofMinutes(7));
    assertThat(api.editor("DELETE", "/releases/" + SEED_ID, null, "If-Match", "\"v2\"").status()).isEqualTo(204);
    Reply gone = api.get("/releases/" + SEED_ID, "If-None-Match", "\"v2\"");
    assertThat(gone.status()).isEqualTo(410);
    // SPEC §10: when it was withdrawn, for a client that kept it.
    assertThat(gone.json().get("retractedAt").asText()).isEqualTo(api.clock.instant().toString());
    assertThat(gone.json().get("status").asInt()).isEqualTo(410);
    assertThat(api.get("/releases/" + SEED_ID, "If-Modified-Since", edited.header("Last-Modified")).status())
        .isEqualTo(410);
    assertThat(api.get("/releases/NOT-AN-ID", "If-None-Match", "*").status()).isEqualTo(404);
  }

  @Test
  void markdownIsSanitised() {
    Reply created = api.post(RunningGateway.seedWith(Map.of("body",
        "Hallo <script>alert(1)</script> [klick](javascript:alert(2)) <img src=x onerror=alert(3)>",
        "about", "<a href=\"https://ok.example\" onclick=\"x()\">ok</a>")));
    String html = created.json().get("bodyHtml").asText() + created.json().get("aboutHtml").asText();
    assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("onerror")
        .doesNotContain("onclick").contains("https://ok.example");
  }

  @Test
  void everyFeedRouteAnswersWithItsMediaType() {
    api.post(RunningGateway.seedJson());
    Set<String> types = new HashSet<>();
    for (String feed : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
      Reply reply = api.get(feed);
      assertThat(reply.status()).isEqualTo(200);
      types.add(reply.header("Content-Type"));
      assertThat(reply.header("ETag")).isNotBlank();
      assertThat(api.get(feed, "If-None-Match", reply.header("ETag")).status()).isEqualTo(304);
    }
    assertThat(types).containsExactlyInAnyOrder("application/rss+xml; charset=utf-8",
        "application/atom+xml; charset=utf-8", "application/feed+json; charset=utf-8");
  }

  private static List<String> titles(Reply reply) {
    List<String> titles = new ArrayList<>();
    reply.json().get("items").forEach(i -> titles.add(i.get("title").asText()));
    return titles;
  }
}
