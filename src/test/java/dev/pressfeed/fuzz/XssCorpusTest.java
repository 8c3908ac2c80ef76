package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.feed.Xml;
import dev.pressfeed.feed.XssVectors;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every vector of {@link XssVectors} (the corpus beside {@code feed/TortureTest}) in every text and URL field of a release, one field at a
 * time, through the editor API. A release the API refuses (400/422) is safe; one it accepts
 * must come out harmless everywhere: {@code bodyHtml} and {@code aboutHtml}, RSS
 * {@code content:encoded} and {@code description}, Atom {@code content} and {@code summary},
 * JSON Feed {@code content_html}, judged on the HTML5 parser's tree ({@link HtmlVerdict}); and
 * the title stays text in every feed.
 */
class XssCorpusTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Field paths and how to put a value there. */
  static final Map<String, BiConsumer<ObjectNode, String>> TEXT_FIELDS = new LinkedHashMap<>();
  static final Map<String, BiConsumer<ObjectNode, String>> URL_FIELDS = new LinkedHashMap<>();

  static {
    for (String f : List.of("title", "subtitle", "summary", "body", "location", "about")) {
      TEXT_FIELDS.put(f, (r, v) -> r.put(f, v));
    }
    TEXT_FIELDS.put("tags[0]", (r, v) -> ((ArrayNode) r.get("tags")).set(0, NODES.textNode(v)));
    TEXT_FIELDS.put("organization.name", (r, v) -> ((ObjectNode) r.get("organization")).put("name", v));
    for (String f : List.of("name", "role", "organization", "email", "phone", "fax", "address")) {
      TEXT_FIELDS.put("contacts[0]." + f, (r, v) -> ((ObjectNode) r.get("contacts").get(0)).put(f, v));
    }
    TEXT_FIELDS.put("links[0].title", (r, v) -> ((ObjectNode) r.get("links").get(0)).put("title", v));
    TEXT_FIELDS.put("attachments[0].title", (r, v) -> ((ObjectNode) r.get("attachments").get(0)).put("title", v));
    URL_FIELDS.put("organization.url", (r, v) -> ((ObjectNode) r.get("organization")).put("url", v));
    URL_FIELDS.put("contacts[0].url", (r, v) -> ((ObjectNode) r.get("contacts").get(0)).put("url", v));
    URL_FIELDS.put("links[0].url", (r, v) -> ((ObjectNode) r.get("links").get(0)).put("url", v));
    URL_FIELDS.put("attachments[0].url", (r, v) -> ((ObjectNode) r.get("attachments").get(0)).put("url", v));
  }

  @TempDir Path directory;

  static ObjectNode base() {
    ObjectNode r = NODES.objectNode();
    r.put("title", "Vector test");
    r.put("subtitle", "Sub");
    r.put("summary", "Summary");
    r.put("body", "Body text.");
    r.put("language", "en");
    r.put("location", "Darmstadt");
    r.putArray("tags").add("xss");
    r.putObject("organization").put("name", "Org").put("url", "https://org.example/");
    r.putArray("contacts").addObject().put("name", "Press").put("role", "Speaker").put("organization", "Org")
        .put("email", "press@org.example").put("phone", "+49 1").put("fax", "+49 2").put("address", "Street 1")
        .put("url", "https://org.example/contact");
    r.putArray("links").addObject().put("title", "Link").put("url", "https://org.example/link");
    r.put("about", "About **us**.");
    r.putArray("attachments").addObject().put("url", "https://org.example/a.pdf").put("title", "Deck")
        .put("mediaType", "application/pdf");
    return r;
  }

  record Outcome(String vector, String field, int status, String id) {}

  @Test
  void noVectorInAnyFieldComesOutAsActiveContent() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    int refused = 0;
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      InProcessGateway gateway = new InProcessGateway(
          new Application(Config.from(Map.of("FEED_SIZE", "100")), store, clock), clock);
      for (String vector : XssVectors.ALL) {
        List<Outcome> batch = new ArrayList<>();
        for (var field : concat(TEXT_FIELDS, URL_FIELDS).entrySet()) {
          ObjectNode release = base();
          field.getValue().accept(release, vector);
          clock.advance(Duration.ofMinutes(1));
          Answer answer = gateway.send(new Probe("POST", "/releases", "",
              List.of(Map.entry("Authorization", "Bearer " + InProcessGateway.TOKEN),
                  Map.entry("Content-Type", "application/json")),
              release.toString().getBytes(StandardCharsets.UTF_8))).answer();
          if (answer.status() == 201) {
            accepted++;
            batch.add(new Outcome(vector, field.getKey(), 201, Readers.JSON.readTree(answer.body()).path("id").asText()));
          } else if (answer.status() == 400 || answer.status() == 422) {
            refused++;
          } else {
            failures.add(field.getKey() + " ← " + Probe.printable(vector) + ": POST answered " + answer.brief());
          }
        }
        checkReleases(gateway, batch, failures);
        checkFeeds(gateway, batch, failures);
      }
    }
    System.out.printf("XSS corpus: %d vectors × %d fields (%d text, %d URL): %d accepted, %d refused%n",
        XssVectors.ALL.size(), TEXT_FIELDS.size() + URL_FIELDS.size(), TEXT_FIELDS.size(), URL_FIELDS.size(),
        accepted, refused);
    assertThat(XssVectors.ALL).hasSizeGreaterThanOrEqualTo(50);
    assertThat(failures).as("vectors that came out active or broke a read").isEmpty();
    assertThat(accepted).as("accepted releases (the rest were refused)").isGreaterThan(XssVectors.ALL.size() * 10);
  }

  private static Map<String, BiConsumer<ObjectNode, String>> concat(Map<String, BiConsumer<ObjectNode, String>> a,
      Map<String, BiConsumer<ObjectNode, String>> b) {
    Map<String, BiConsumer<ObjectNode, String>> all = new LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static void checkReleases(InProcessGateway gateway, List<Outcome> batch, List<String> failures)
      throws Exception {
    for (Outcome o : batch) {
      Answer one = gateway.get("/releases/" + o.id(), false);
      if (one.status() != 200) {
        failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": GET /releases/{id} answered " + one.brief());
        continue;
      }
      JsonNode json = Readers.JSON.readTree(one.body());
      for (String html : List.of("bodyHtml", "aboutHtml")) {
        report(o, "API " + html, json.path(html).isTextual() ? json.path(html).asText() : null, failures);
      }
    }
  }

  private static void checkFeeds(InProcessGateway gateway, List<Outcome> batch, List<String> failures) throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, Outcome> byId = new LinkedHashMap<>();
    batch.forEach(o -> byId.put(o.id(), o));
    Element rss = parse(gateway.get("/feed.rss", false), failures);
    Element atom = parse(gateway.get("/feed.atom", false), failures);
    Answer json = gateway.get("/feed.json", false);
    // Each release of the batch must be found in each feed by its link, or nothing was checked.
    Map<String, Set<String>> found = new LinkedHashMap<>();
    if (rss != null) {
      found.put("RSS", new HashSet<>());
      NodeList items = rss.getElementsByTagName("item");
      for (int i = 0; i < items.getLength(); i++) {
        Element item = (Element) items.item(i);
        Outcome o = byId.get(idOf(firstText(item, null, "link")));
        if (o != null) {
          found.get("RSS").add(o.id());
          report(o, "RSS content:encoded", firstText(item, "http://purl.org/rss/1.0/modules/content/", "encoded"), failures);
          report(o, "RSS description", firstText(item, null, "description"), failures);
          titleIsText(o, "RSS title", firstText(item, null, "title"), failures);
        }
      }
    }
    if (atom != null) {
      found.put("Atom", new HashSet<>());
      NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
      for (int i = 0; i < entries.getLength(); i++) {
        Element entry = (Element) entries.item(i);
        Element link = null;
        NodeList links = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
        for (int j = 0; j < links.getLength(); j++) {
          Element l = (Element) links.item(j);
          if (l.getAttribute("rel").isEmpty() || l.getAttribute("rel").equals("alternate")) {
            link = l;
          }
        }
        Outcome o = link == null ? null : byId.get(idOf(link.getAttribute("href")));
        if (o == null) {
          continue;
        }
        found.get("Atom").add(o.id());
        for (String name : List.of("content", "summary", "title")) {
          Element e = first(entry, "http://www.w3.org/2005/Atom", name);
          if (e == null) {
            continue;
          }
          String type = e.getAttribute("type");
          if (type.equals("html") || type.equals("xhtml")) {
            if (name.equals("title")) {
              failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": Atom title is type=" + type);
            }
            report(o, "Atom " + name, e.getTextContent(), failures);
          } else if (name.equals("content")) {
            failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": Atom content is type=" + type);
          } else if (name.equals("title")) {
            titleIsText(o, "Atom title", e.getTextContent(), failures);
          }
        }
      }
    }
    if (json.status() != 200) {
      failures.add("after " + Probe.printable(batch.get(0).vector()) + ": /feed.json answered " + json.brief());
      return;
    }
    found.put("JSON Feed", new HashSet<>());
    for (JsonNode item : Readers.JSON.readTree(json.body()).path("items")) {
      Outcome o = byId.get(idOf(item.path("url").asText()));
      if (o != null) {
        found.get("JSON Feed").add(o.id());
        report(o, "JSON Feed content_html", item.path("content_html").asText(null), failures);
        titleIsText(o, "JSON Feed title", item.path("title").asText(), failures);
      }
    }
    found.forEach((format, ids) -> batch.stream().filter(o -> !ids.contains(o.id())).forEach(o ->
        failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": no " + format
            + " item links to its page /news/" + o.id())));
  }

  /** Plain text must come back as the same text: the title a reader shows is the title sent, or its refusal. */
  private static void titleIsText(Outcome o, String where, String title, List<String> failures) {
    if (o.field().equals("title") && title != null && !title.strip().equals(o.vector().strip())) {
      failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": " + where + " is " + Probe.printable(title));
    }
  }

  private static void report(Outcome o, String where, String html, List<String> failures) {
    for (String problem : HtmlVerdict.problems(html)) {
      failures.add(o.field() + " ← " + Probe.printable(o.vector()) + ": " + where + " has " + problem
          + " in " + Probe.printable(html));
    }
  }

  /** The release an item's link leads to: its page, {@code /news/{id}}. */
  private static String idOf(String url) {
    if (url == null) {
      return null;
    }
    int at = url.lastIndexOf("/news/");
    return at < 0 ? null : url.substring(at + "/news/".length());
  }

  private static Element parse(Answer answer, List<String> failures) {
    if (answer.status() != 200) {
      failures.add("feed answered " + answer.brief());
      return null;
    }
    try {
      return Xml.parse(new String(answer.body(), StandardCharsets.UTF_8));
    } catch (AssertionError e) {
      failures.add("feed is " + e.getMessage());
      return null;
    }
  }

  private static Element first(Element parent, String namespace, String name) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())
          && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
        return e;
      }
    }
    return null;
  }

  private static String firstText(Element parent, String namespace, String name) {
    Element e = first(parent, namespace, name);
    return e == null ? null : e.getTextContent();
  }
}
