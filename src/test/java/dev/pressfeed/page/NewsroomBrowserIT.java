package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.local.RunningGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newsroom as a reader's browser shows it: a real headless Chromium (see {@link Browser})
 * opens the index, a release page, the 404 and the 410 page at desktop and phone widths over a
 * local gateway and an embedded store, clicks a release link and a feed link, reads the visible
 * text and the JSON-LD, and runs axe-core and html-validate on every page. The browser runs
 * once, before the tests; each test asserts one thing a reader or a machine needs.
 *
 * <p>Screenshots of the index and a release page at both widths are written to
 * {@code target/screenshots/} on every run: {@code mvn -o verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NewsroomBrowserIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomBrowserIT {

  static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
  static final List<String> WIDTHS = List.of("desktop", "phone");
  static final String RELEASE_LINK = "main article h2 a";
  static final String FEED_LINK = "a[href$=\"/feed.rss\"], a[type=\"application/rss+xml\"]";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The seed release's dateline and its date in German, in UTC (the default TIME_ZONE). */
  static final String SEED_DATELINE = "Darmstadt";
  static final String SEED_DATE = "14. September 2020";
  static final Instant SEED_PUBLISHED = Instant.parse("2020-09-14T07:00:00Z");

  private String base;
  private Posted seed;
  private Posted second;
  private Posted tagged;
  private Posted retracted;
  private Instant started;
  private JsonNode report;

  record Posted(String id, String title) {
  }

  @BeforeAll
  void openTheNewsroomInABrowser(@TempDir Path work) throws Exception {
    long t0 = System.nanoTime();
    started = Instant.now();
    try (RunningGateway gateway = RunningGateway.embedded(work.resolve("store"))) {
      base = gateway.base();
      seed = post(gateway, RunningGateway.seedJson());
      second = post(gateway, RunningGateway.seedWith(release("en",
          "Second release: the Darmstadt cluster opens its lab to schools", "2020-09-10T10:00:00Z",
          "Frankfurt am Main", null)));
      tagged = post(gateway, RunningGateway.seedWith(release("en",
          "Tagged release: research and development money for smart cities", "2020-09-08T10:00:00Z",
          "Wiesbaden", List.of("Förderung", "R&D", "Smart City"))));
      retracted = post(gateway, RunningGateway.seedWith(release("de",
          "Zurückgezogen: eine Meldung, die nicht hätte erscheinen sollen", "2020-09-01T10:00:00Z",
          "Mainz", List.of("Intern"))));
      RunningGateway.Reply read = gateway.get("/releases/" + retracted.id());
      assertThat(read.status()).as("the release to retract was public").isEqualTo(200);
      RunningGateway.Reply gone = gateway.editor("DELETE", "/releases/" + retracted.id(), null,
          "If-Match", read.header("ETag"));
      assertThat(gone.status()).as("retraction: " + gone.text()).isEqualTo(204);

      report = Browser.check(base, checks(), work);
    }
    long unpack = report.at("/timings/unpackMs").asLong();
    long launch = report.at("/timings/launchMs").asLong();
    System.out.printf("NewsroomBrowserIT: %s, axe-core %s, %d ms in all (Chromium unpacked in %d ms, "
        + "launched in %d ms, pages checked in %d ms)%n", report.path("browser").asText(),
        report.path("axe").asText(), (System.nanoTime() - t0) / 1_000_000, unpack, launch,
        report.at("/timings/totalMs").asLong() - unpack - launch);
    System.out.println("  page       width    status  bytes  axe: violations incomplete passes  html errors     ms");
    for (JsonNode page : report.path("pages")) {
      System.out.printf("  %-10s %-8s %6d %6d       %10d %10d %6d  %11d %6d%n", page.path("name").asText(),
          page.path("viewport").asText(), page.path("status").asInt(), page.path("bytes").asInt(),
          page.at("/axe/violations").size(), page.at("/axe/incomplete").size(), page.at("/axe/passes").asInt(),
          report.path("validation").path(page.path("name").asText()).path("errors").size(),
          page.path("ms").asInt());
    }
    System.out.println("  screenshots: " + SCREENSHOTS);
  }

  @Test
  void theNewsroomListsEveryPublicReleaseNewestFirst() {
    for (String width : WIDTHS) {
      JsonNode index = page("index", width);
      assertThat(index.path("status").asInt()).as("GET / at " + width).isEqualTo(200);
      assertThat(texts(index.path("h2"))).as("release headings on / at " + width)
          .containsSubsequence(seed.title(), second.title(), tagged.title())
          .doesNotContain(retracted.title());
      assertThat(index.path("text").asText()).as("visible text of / at " + width)
          .contains(SEED_DATE).contains("Förderung", "R&D")
          .doesNotContain(retracted.title());
    }
  }

  @Test
  void aReleaseLinkOnTheIndexLeadsToTheReleasePage() {
    for (String width : WIDTHS) {
      JsonNode followed = follow("index", width, "release");
      assertThat(followed.path("url").asText()).as("where the first release link lands at " + width)
          .isEqualTo(base + "/news/" + seed.id());
      assertThat(followed.path("status").asInt()).isEqualTo(200);
      assertThat(followed.path("contentType").asText()).startsWith("text/html");
      assertThat(texts(followed.path("h1"))).as("h1 of the landed page").containsExactly(seed.title());
      assertThat(followed.path("text").asText()).as("visible text of the landed page at " + width)
          .contains(SEED_DATELINE).contains(SEED_DATE);
    }
  }

  @Test
  void theReleasePageShowsTitleDatelineAndGermanDate() {
    for (String width : WIDTHS) {
      JsonNode release = page("release", width);
      assertThat(release.path("status").asInt()).isEqualTo(200);
      assertThat(release.path("lang").asText()).as("<html lang>").isEqualTo("de");
      assertThat(texts(release.path("h1"))).containsExactly(seed.title());
      assertThat(release.path("text").asText()).as("visible text at " + width)
          .contains(SEED_DATELINE).contains(SEED_DATE)
          .contains("Volker Scheidler") // the quote
          .contains("info@it-for-work.de"); // the press contact
    }
  }

  @Test
  void theReleasePageTellsMachinesItIsANewsArticle() {
    JsonNode release = page("release", "desktop");
    List<JsonNode> articles = new ArrayList<>();
    for (JsonNode block : release.path("jsonLd")) {
      assertThat(block.has("unparsable")).as("JSON-LD parses: " + block).isFalse();
      JsonNode graph = block.has("@graph") ? block.path("@graph") : JSON.createArrayNode().add(block);
      graph.forEach(node -> {
        if (node.path("@type").asText().equals("NewsArticle")) {
          articles.add(node);
        }
      });
    }
    assertThat(articles).as("NewsArticle JSON-LD on /news/" + seed.id() + ": " + release.path("jsonLd"))
        .hasSize(1);
    JsonNode article = articles.get(0);
    assertThat(article.path("headline").asText()).isEqualTo(seed.title());
    assertThat(article.path("inLanguage").asText()).isEqualTo("de");
    assertThat(Instant.parse(article.path("datePublished").asText())).isEqualTo(SEED_PUBLISHED);
    assertThat(article.path("url").asText()).endsWith("/news/" + seed.id());
  }

  @Test
  void aFeedLinkOnTheIndexLeadsToTheRssFeed() {
    for (String width : WIDTHS) {
      JsonNode followed = follow("index", width, "feed");
      assertThat(followed.path("status").asInt()).as("feed link at " + width + ": " + followed).isEqualTo(200);
      assertThat(followed.path("contentType").asText()).startsWith("application/rss+xml");
      assertThat(followed.path("url").asText()).startsWith(base + "/feed.rss");
    }
  }

  @Test
  void unknownAndRetractedReleasesHaveTheirOwnPages() {
    for (String width : WIDTHS) {
      JsonNode missing = page("missing", width);
      assertThat(missing.path("status").asInt()).as("/news/no-such-release").isEqualTo(404);
      assertThat(missing.path("contentType").asText()).startsWith("text/html");
      JsonNode gone = page("retracted", width);
      assertThat(gone.path("status").asInt()).as("/news/" + retracted.id()).isEqualTo(410);
      assertThat(gone.path("contentType").asText()).startsWith("text/html");
      // withdrawn, and when (the gateway's clock), in the release's language; nothing of its content
      assertThat(gone.path("text").asText()).as("visible text of the 410 page at " + width)
          .contains("26. November 2026")
          .doesNotContain(retracted.title()).doesNotContain("Mainz");
    }
  }

  @Test
  void axeFindsNoViolationOnAnyPageAtEitherWidth() {
    List<String> violations = new ArrayList<>();
    for (JsonNode page : report.path("pages")) {
      assertThat(page.path("axe").path("passes").asInt()).as("axe ran on " + where(page)).isPositive();
      for (JsonNode violation : page.at("/axe/violations")) {
        for (JsonNode node : violation.path("nodes")) {
          violations.add(violation.path("id").asText() + " (" + violation.path("impact").asText() + ") on "
              + where(page) + " at " + node.path("target").asText() + ": " + node.path("html").asText()
              + " — " + violation.path("help").asText());
        }
      }
    }
    assertThat(report.path("pages")).hasSize(4 * WIDTHS.size());
    assertThat(violations).as("axe-core violations").isEmpty();
  }

  @Test
  void everyPageIsValidHtml5() {
    List<String> errors = new ArrayList<>();
    for (String name : List.of("index", "release", "missing", "retracted")) {
      JsonNode validation = report.path("validation").path(name);
      assertThat(validation.isMissingNode()).as("html-validate ran on " + name).isFalse();
      for (JsonNode error : validation.path("errors")) {
        errors.add(error.path("rule").asText() + " on " + name + " line " + error.path("line").asInt()
            + ":" + error.path("column").asInt() + " " + error.path("selector").asText("") + ": "
            + error.path("message").asText());
      }
    }
    assertThat(errors).as("html-validate errors").isEmpty();
  }

  @Test
  void pagesLoadWhatTheyNeedUnderTheirOwnPolicyAndFitAPhone() {
    for (JsonNode page : report.path("pages")) {
      assertThat(page.path("error").asText("")).as("browser error on " + where(page)).isEmpty();
      assertThat(page.path("failedRequests")).as("requests that failed on " + where(page)).isEmpty();
      assertThat(page.path("cspViolations")).as("what the page's own CSP refused on " + where(page)).isEmpty();
      assertThat(page.path("overflowsX").asBoolean(true)).as("sideways scrolling on " + where(page)).isFalse();
    }
  }

  @Test
  void screenshotsOfIndexAndReleasePageAtBothWidthsAreWritten() throws IOException {
    for (String name : List.of("index", "release")) {
      for (String width : WIDTHS) {
        Path png = SCREENSHOTS.resolve(name + "-" + width + ".png");
        assertThat(page(name, width).path("screenshot").asText()).isEqualTo(png.toString());
        assertThat(png).exists();
        byte[] head = Files.readAllBytes(png);
        assertThat(head).as(png + " is a PNG").startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.getLastModifiedTime(png)).as(png + " is this run's")
            .isGreaterThanOrEqualTo(FileTime.from(started.minusSeconds(1)));
      }
    }
  }

  private JsonNode checks() {
    ObjectNode checks = JSON.createObjectNode();
    checks.put("screenshots", SCREENSHOTS.toString());
    ArrayNode pages = checks.putArray("pages");
    ObjectNode index = pages.addObject().put("name", "index").put("path", "/").put("screenshot", true);
    index.putArray("follow").add(JSON.createObjectNode().put("name", "release").put("selector", RELEASE_LINK))
        .add(JSON.createObjectNode().put("name", "feed").put("selector", FEED_LINK));
    pages.addObject().put("name", "release").put("path", "/news/" + seed.id()).put("screenshot", true);
    pages.addObject().put("name", "missing").put("path", "/news/no-such-release");
    pages.addObject().put("name", "retracted").put("path", "/news/" + retracted.id());
    return checks;
  }

  private static Map<String, Object> release(String language, String title, String publishAt,
      String location, List<String> tags) {
    Map<String, Object> changes = new HashMap<>();
    changes.put("language", language);
    changes.put("title", title);
    changes.put("summary", title + ".");
    changes.put("publishAt", publishAt);
    changes.put("location", location);
    changes.put("tags", tags);
    changes.put("body", "The first paragraph of *" + title + "*.\n\nAnd a second one.");
    return changes;
  }

  private static Posted post(RunningGateway gateway, String json) {
    RunningGateway.Reply reply = gateway.post(json);
    assertThat(reply.status()).as("POST /releases: " + reply.text()).isEqualTo(201);
    return new Posted(reply.json().path("id").asText(), reply.json().path("title").asText());
  }

  private JsonNode page(String name, String width) {
    for (JsonNode page : report.path("pages")) {
      if (page.path("name").asText().equals(name) && page.path("viewport").asText().equals(width)) {
        return page;
      }
    }
    throw new AssertionError("the browser did not report " + name + " at " + width);
  }

  private JsonNode follow(String name, String width, String link) {
    for (JsonNode followed : page(name, width).path("follows")) {
      if (followed.path("name").asText().equals(link)) {
        assertThat(followed.path("error").asText("")).as("following " + link + " on " + name + " at " + width
            + " (" + followed.path("selector").asText() + ")").isEmpty();
        return followed;
      }
    }
    throw new AssertionError("the browser did not follow " + link + " on " + name + " at " + width
        + ": " + page(name, width).path("error").asText(""));
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String where(JsonNode page) {
    return page.path("name").asText() + " (" + page.path("url").asText() + ") at " + page.path("viewport").asText();
  }
}
