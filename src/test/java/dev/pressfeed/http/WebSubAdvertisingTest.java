package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SPEC §10, the first part of issue 15: with {@code WEBSUB_HUB_URL} set, every feed advertises
 * the hub in its body (RSS and Atom {@code atom:link rel="hub"}, JSON Feed {@code hubs}) and in
 * a {@code Link} header on its 200 and its 304, beside the feed's canonical URL as
 * {@code rel="self"}; without it, none of this appears. Bodies are read with a namespace-aware
 * XML parser and a JSON parser, not compared as strings.
 */
class WebSubAdvertisingTest {

  private static final String HUB = "https://hub.example.org/websub?x=1";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void everyFeedNamesTheHubAndItsCanonicalUrlInItsBodyAndOnIts200And304() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data);
        RunningGateway api = new RunningGateway(store, Map.of("WEBSUB_HUB_URL", HUB))) {
      assertThat(api.post(RunningGateway.seedJson()).status()).isEqualTo(201);
      for (String format : List.of("rss", "atom", "json")) {
        // Requested in another form: the tag in its own case, the language with its region.
        String path = "/feed." + format;
        String requested = path + "?lang=de-DE&tag=Smart%20City&utm=x";
        String canonical = api.base() + path + "?tag=smart%20city&lang=de";
        for (String[] form : new String[][] {{path, api.base() + path}, {requested, canonical}}) {
          Reply feed = api.get(form[0]);
          assertThat(feed.status()).as(form[0]).isEqualTo(200);
          String link = "<" + HUB + ">; rel=\"hub\", <" + form[1] + ">; rel=\"self\"";
          assertThat(feed.header("Link")).as(form[0]).isEqualTo(link);
          assertThat(links(format, feed)).as(form[0]).containsExactlyInAnyOrder("hub " + HUB, "self " + form[1]);
          Reply poll = api.get(form[0], "If-None-Match", feed.header("ETag"));
          assertThat(poll.status()).as(form[0]).isEqualTo(304);
          assertThat(poll.header("Link")).as(form[0] + " 304").isEqualTo(link);
        }
      }
    }
  }

  @Test
  void withoutAHubNoFeedMentionsOne() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data);
        RunningGateway api = new RunningGateway(store)) {
      assertThat(api.post(RunningGateway.seedJson()).status()).isEqualTo(201);
      for (String format : List.of("rss", "atom", "json")) {
        Reply feed = api.get("/feed." + format + "?tag=Smart%20City");
        assertThat(feed.header("Link")).isNull();
        assertThat(links(format, feed)).containsExactly("self " + api.base() + "/feed." + format + "?tag=smart%20city");
        assertThat(api.get("/feed." + format, "If-None-Match", feed.header("ETag")).header("Link")).isNull();
      }
    }
  }

  /** The feed-level {@code hub} and {@code self} links, as "rel href", read by a parser. */
  private static List<String> links(String format, Reply feed) throws Exception {
    List<String> found = new ArrayList<>();
    if (format.equals("json")) {
      JsonNode json = JSON.readTree(feed.body());
      found.add("self " + json.path("feed_url").asText());
      for (JsonNode hub : json.path("hubs")) {
        assertThat(hub.path("type").asText()).isEqualTo("WebSub");
        found.add("hub " + hub.path("url").asText());
      }
      return found;
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(feed.text().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    Element level = format.equals("rss") ? (Element) root.getElementsByTagName("channel").item(0) : root;
    NodeList children = level.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals("link")
          && List.of("hub", "self").contains(e.getAttribute("rel"))) {
        found.add(e.getAttribute("rel") + " " + e.getAttribute("href"));
      }
    }
    return found;
  }
}
