package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Feeds as feed readers poll them: validators, 304s, embargoes, archives, filters, identity. */
class FeedPollingTest {

  static final List<String> FEEDS = List.of("/feed.rss", "/feed.atom", "/feed.json");
  static final String ATOM = "http://www.w3.org/2005/Atom";

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
  void unchangedFeedsAnswer304ToBothValidatorsAndChangeWithEveryWrite() {
    api.post(RunningGateway.seedJson());
    for (String feed : FEEDS) {
      Reply first = api.get(feed);
      assertThat(first.status()).isEqualTo(200);
      assertThat(api.get(feed, "If-None-Match", first.header("ETag")).status()).isEqualTo(304);
      Reply since = api.get(feed, "If-Modified-Since", first.header("Last-Modified"));
      assertThat(since.status()).isEqualTo(304);
      assertThat(since.body()).isEmpty();
      assertThat(since.header("ETag")).isEqualTo(first.header("ETag"));
    }
    List<String> before = FEEDS.stream().map(f -> api.get(f).header("ETag")).toList();
    api.clock.advance(Duration.ofSeconds(5));
    api.post(RunningGateway.seedWith(Map.of("title", "Neue Meldung")));
    for (int i = 0; i < FEEDS.size(); i++) {
      assertThat(api.get(FEEDS.get(i), "If-None-Match", before.get(i)).status()).isEqualTo(200);
    }
    // every format and every filter has its own validator
    assertThat(new HashSet<>(FEEDS.stream().map(f -> api.get(f).header("ETag")).toList())).hasSize(3);
    assertThat(api.get("/feed.rss?tag=x").header("ETag")).isNotEqualTo(api.get("/feed.rss").header("ETag"));
  }

  @Test
  void validatorsChangeWhenAnEmbargoEndsThoughNothingWasWritten() {
    api.post(RunningGateway.seedJson());
    api.post(RunningGateway.seedWith(Map.of("title", "Unter Sperrfrist", "publishAt", "2026-11-26T09:30:00Z")));
    for (String feed : FEEDS) {
      Reply before = api.get(feed);
      assertThat(before.text()).doesNotContain("Unter Sperrfrist");
      // 30 minutes to the embargo end: max-age may not outlive it
      assertThat(before.header("Cache-Control")).isEqualTo("public, max-age=300");
    }
    api.clock.advance(Duration.ofMinutes(28));
    assertThat(api.get("/feed.rss").header("Cache-Control")).isEqualTo("public, max-age=120");
    Reply cached = api.get("/feed.atom");
    api.clock.advance(Duration.ofMinutes(3));
    Reply after = api.get("/feed.atom", "If-None-Match", cached.header("ETag"),
        "If-Modified-Since", cached.header("Last-Modified"));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.text()).contains("Unter Sperrfrist");
    assertThat(after.header("Last-Modified")).isEqualTo("Thu, 26 Nov 2026 09:30:00 GMT");
    assertThat(api.get("/feed.atom", "If-Modified-Since", cached.header("Last-Modified")).status())
        .isEqualTo(200);
  }

  @Test
  void atomAndJsonFeedArchivesReachEveryReleaseExactlyOnce() throws Exception {
    int releases = 67; // more than three full pages of FEED_SIZE (20)
    for (int i = 0; i < releases; i++) {
      api.post(RunningGateway.seedWith(Map.of("title", "Meldung " + i,
          "publishAt", String.format("2026-09-%02dT%02d:00:00Z", 1 + i / 20, i % 20))));
    }
    List<String> atomIds = new ArrayList<>();
    String next = "/feed.atom";
    int pages = 0;
    while (next != null) {
      Document atom = xml(api.get(next));
      NodeList entries = atom.getElementsByTagNameNS(ATOM, "entry");
      for (int i = 0; i < entries.getLength(); i++) {
        atomIds.add(((Element) entries.item(i)).getElementsByTagNameNS(ATOM, "id").item(0).getTextContent());
      }
      next = null;
      NodeList links = atom.getDocumentElement().getChildNodes();
      for (int i = 0; i < links.getLength(); i++) {
        if (links.item(i) instanceof Element link && link.getLocalName().equals("link")
            && link.getAttribute("rel").equals("next")) {
          next = link.getAttribute("href").substring(api.base().length());
        }
      }
      pages++;
    }
    assertThat(pages).isEqualTo(4);
    assertThat(atomIds).hasSize(releases).doesNotHaveDuplicates();

    List<String> jsonIds = new ArrayList<>();
    String url = "/feed.json";
    while (url != null) {
      JsonNode feed = api.get(url).json();
      feed.get("items").forEach(item -> jsonIds.add(item.get("id").asText()));
      url = feed.hasNonNull("next_url") ? feed.get("next_url").asText().substring(api.base().length()) : null;
    }
    assertThat(jsonIds).containsExactlyElementsOf(atomIds);
  }

  @Test
  void pagesOfVeryLongReleasesStayWithinWhatLambdaCanReturnAndTheArchiveHoldsTheRest() throws Exception {
    // Twenty of the longest releases an editor can send (60 000 emoji: 240 000 bytes of body);
    // XML writes each emoji as a 9-byte character reference: 10.8 MB for a page of 20.
    String body = "😀".repeat(60_000);
    for (int i = 0; i < 20; i++) {
      Reply reply = api.post(RunningGateway.seedWith(Map.of("title", "Lang " + i, "body", body,
          "publishAt", String.format("2026-09-01T%02d:00:00Z", i))));
      assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }
    for (String feed : List.of("/feed.rss", "/feed.atom")) {
      List<String> titles = new ArrayList<>();
      String next = feed;
      int pages = 0;
      while (next != null) {
        Reply page = api.get(next);
        assertThat(page.body().length).isLessThanOrEqualTo(FeedApi.MAX_BODY_BYTES);
        Document xml = xml(page);
        NodeList items = xml.getElementsByTagName(feed.endsWith("rss") ? "item" : "entry");
        assertThat(items.getLength()).isGreaterThan(0);
        for (int i = 0; i < items.getLength(); i++) {
          Element item = (Element) items.item(i);
          titles.add(item.getElementsByTagName("title").item(0).getTextContent());
          String content = feed.endsWith("rss")
              ? item.getElementsByTagNameNS("http://purl.org/rss/1.0/modules/content/", "encoded").item(0).getTextContent()
              : item.getElementsByTagNameNS(ATOM, "content").item(0).getTextContent();
          assertThat(content).contains(body);
        }
        next = null;
        NodeList links = xml.getElementsByTagNameNS(ATOM, "link");
        for (int i = 0; i < links.getLength(); i++) {
          Element link = (Element) links.item(i);
          if (link.getAttribute("rel").equals("next")) {
            next = link.getAttribute("href").substring(api.base().length());
          }
        }
        pages++;
      }
      assertThat(pages).as(feed).isGreaterThan(1);
      List<String> expected = new ArrayList<>();
      for (int i = 19; i >= 0; i--) {
        expected.add("Lang " + i);
      }
      assertThat(titles).as(feed).containsExactlyElementsOf(expected);
    }
    Reply json = api.get("/feed.json");
    assertThat(json.body().length).isLessThanOrEqualTo(FeedApi.MAX_BODY_BYTES);
    assertThat(json.json().get("items")).hasSize(20); // raw UTF-8: 4.8 MB, one page
  }

  @Test
  void feedIdentityNeverChangesWhenAReleaseIsEdited() throws Exception {
    Reply created = api.post(RunningGateway.seedJson());
    String id = created.json().get("id").asText();
    String guid = xml(api.get("/feed.rss")).getElementsByTagName("guid").item(0).getTextContent();
    JsonNode before = api.get("/feed.json").json().get("items").get(0);
    api.clock.advance(Duration.ofHours(1));
    api.editor("PUT", "/releases/" + id, RunningGateway.seedWith(Map.of("title", "Ganz anders",
        "body", "Neuer Text.")), "If-Match", created.header("ETag"), "Content-Type", "application/json");
    Document rss = xml(api.get("/feed.rss"));
    assertThat(rss.getElementsByTagName("guid").item(0).getTextContent()).isEqualTo(guid).startsWith("urn:uuid:");
    assertThat(rss.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("Ganz anders");
    Document atom = xml(api.get("/feed.atom"));
    Element entry = (Element) atom.getElementsByTagNameNS(ATOM, "entry").item(0);
    assertThat(entry.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent()).isEqualTo(guid);
    assertThat(entry.getElementsByTagNameNS(ATOM, "updated").item(0).getTextContent()).startsWith("2026-11-26T10:00");
    JsonNode after = api.get("/feed.json").json().get("items").get(0);
    assertThat(after.get("id")).isEqualTo(before.get("id"));
    assertThat(after.get("date_modified")).isNotEqualTo(before.get("date_modified"));
  }

  @Test
  void tagAndLanguageFilterEveryFormat() throws Exception {
    api.post(RunningGateway.seedWith(Map.of("title", "Deutsch", "language", "de-DE", "tags", List.of("Smart City"))));
    api.post(RunningGateway.seedWith(Map.of("title", "English", "language", "en", "tags", List.of("Cloud"))));
    for (String query : List.of("?lang=de", "?tag=SMART%20CITY", "?tag=smart%20city&lang=DE")) {
      assertThat(api.get("/feed.rss" + query).text()).contains("Deutsch").doesNotContain("English");
      assertThat(api.get("/feed.atom" + query).text()).contains("Deutsch").doesNotContain("English");
      assertThat(api.get("/feed.json" + query).json().get("items")).hasSize(1);
    }
    assertThat(api.get("/feed.json?lang=fr").json().get("items")).isEmpty();
  }

  @Test
  void aForgedArchiveCursorIs400() {
    assertThat(api.get("/feed.atom?cursor=bogus").status()).isEqualTo(400);
  }

  private static Document xml(Reply reply) throws Exception {
    assertThat(reply.status()).isEqualTo(200);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(reply.body()));
  }
}
