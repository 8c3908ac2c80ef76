package dev.pressfeed.page;

import static dev.pressfeed.page.FrontDesk.BASE;
import static dev.pressfeed.page.ParsedPage.all;
import static dev.pressfeed.page.ParsedPage.collapse;
import static dev.pressfeed.page.ParsedPage.one;
import static dev.pressfeed.page.ParsedPage.shown;
import static dev.pressfeed.page.ParsedPage.text;
import static dev.pressfeed.page.ParsedPage.with;
import static dev.pressfeed.page.ParsedPage.withClass;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.feed.TortureInputs;
import dev.pressfeed.feed.XssVectors;
import dev.pressfeed.fuzz.CleanReleases;
import dev.pressfeed.http.HostileBodies;
import dev.pressfeed.http.Response;
import dev.pressfeed.release.FeedText;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.Rendering;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Point 6 of issue 13: the hostile texts of the XSS and torture corpora ({@link XssVectors},
 * {@code TortureTest}'s releases, the request fuzzer's releases and {@code HostileRelease}'s
 * bodies) posted through the editor API, then every page that shows them — the release page,
 * the newsroom unfiltered and filtered by the hostile tag, and the newsroom asked for hostile
 * {@code tag}, {@code lang} and {@code cursor} values — parsed by an HTML5 parser. On every page:
 * no element or attribute the text chose (outside the body and the boilerplate, which must be
 * exactly the stored, sanitised rendering, only the templates' own elements and attributes; no
 * script but the JSON-LD, no event handler, no link the release did not give), the visible text
 * is the text the editor sent, the JSON-LD parses to the same values, and nothing answers 500.
 */
abstract class HostilePagesContract {

  static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  static final String SITE = "Pressfeed";

  /** The elements the templates write; anything else outside the stored HTML came from a text. */
  static final Set<String> TEMPLATE_ELEMENTS = Set.of("html", "head", "meta", "title", "link", "script",
      "style", "body", "a", "header", "main", "h1", "h2", "p", "span", "bdi", "time", "div", "article",
      "section", "address", "strong", "br", "ul", "li", "nav", "footer");
  static final Set<String> TEMPLATE_ATTRIBUTES = Set.of("lang", "dir", "charset", "name", "content",
      "property", "rel", "type", "title", "href", "class", "id", "datetime", "aria-label");
  static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "poster",
      "background", "cite", "longdesc", "srcset", "ping", "manifest", "codebase", "icon", "xlink:href");
  static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto", "tel");

  /** Characters and strings that end, open or confuse an element, an attribute, a script or a reader. */
  static final List<String> SHARP = List.of("<", "&", "\"", "'", "</script>", "</SCRIPT >", "<!--", "-->",
      "\u2028", "\u2029", "\u202E", "\u2066", "&#x3C;script&#x3E;", "&lt;b&gt;", "&amp;", "</title>",
      "</style>", "]]>", "`", "${x}", "@param", "\\u003c", "</textarea>");

  protected FrontDesk desk;

  protected abstract ReleaseStore emptyStore() throws Exception;

  protected abstract void closeStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    desk = new FrontDesk(emptyStore(), Map.of("TIME_ZONE", "Pacific/Kiritimati"), START);
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  // ---- the corpora -----------------------------------------------------------------------------

  @Test
  void everyXssVectorInEveryTextFieldStaysTextOnEveryPage() {
    Map<String, Stored> accepted = new LinkedHashMap<>();
    for (String vector : XssVectors.ALL) {
      Response answer = desk.post(vectorRelease(vector).toString());
      assertThat(answer.status()).as(vector).isIn(201, 422);
      if (answer.status() == 201) {
        Stored stored = stored(FrontDesk.json(answer).get("id").asText());
        accepted.put(stored.id(), stored);
      }
    }
    assertThat(accepted).as("vectors every text field accepts").hasSizeGreaterThan(XssVectors.ALL.size() / 2);
    checkEveryPage(accepted);
  }

  @Test
  void tortureReleasesStayIntactOnEveryPage() {
    Map<String, Stored> accepted = new LinkedHashMap<>();
    for (ReleaseInput input : TortureInputs.accepted()) {
      String id = desk.publish(json(input).toString());
      accepted.put(id, stored(id));
    }
    // The longest body (100 000 characters) and twenty tags are on their pages whole.
    Stored longest = accepted.values().stream().filter(s -> s.body().length() >= 99_000).findFirst().orElseThrow();
    ParsedPage page = desk.page("/news/" + longest.id());
    assertThat(shown(page.one("div", withClass("body")))).contains("Paragraph 0:", "indentation");
    Stored twenty = accepted.values().stream().filter(s -> s.tags().size() == 20).findFirst().orElseThrow();
    assertThat(all(desk.page("/news/" + twenty.id()).one("ul", withClass("tags")), "a")).hasSize(20);
    checkEveryPage(accepted);
  }

  @Test
  void theFuzzersReleasesStayIntactOnEveryPage() {
    Map<String, Stored> accepted = new LinkedHashMap<>();
    for (long seed = 1; seed <= 30; seed++) {
      ObjectNode release = CleanReleases.draw(seed);
      release.put("status", "published");
      release.remove("publishAt");
      String id = desk.publish(release.toString());
      accepted.put(id, stored(id));
    }
    for (long seed = 1; seed <= 30 * 16L; seed += 16) {
      Response answer = desk.post(HostileBodies.accepted(seed));
      assertThat(answer.status()).as(answer.bodyText()).isEqualTo(201);
      Stored stored = stored(FrontDesk.json(answer).get("id").asText());
      accepted.put(stored.id(), stored);
    }
    checkEveryPage(accepted);
  }

  @Test
  void charactersThatEndOrConfuseAnElementStayTextWhereverTheyAre() {
    Map<String, Stored> accepted = new LinkedHashMap<>();
    for (String sharp : SHARP) {
      String text = "A" + sharp + "B " + sharp + " C";
      ObjectNode release = FrontDesk.JSON.createObjectNode();
      release.put("title", text).put("subtitle", text).put("summary", text).put("body", text)
          .put("language", "en").put("status", "published").put("location", text).put("about", text);
      release.putArray("tags").add(text).add(sharp.strip().isEmpty() ? "x" : sharp);
      release.putObject("organization").put("name", text);
      release.putArray("contacts").addObject().put("name", text).put("role", text).put("organization", text)
          .put("phone", text).put("fax", text).put("address", text + "\n" + text);
      release.putArray("links").addObject().put("title", text).put("url", "https://a.example/?q=" + "%22%3C");
      release.putArray("attachments").addObject().put("title", text).put("url", "https://a.example/f.pdf")
          .put("mediaType", "application/pdf").put("length", 1);
      String id = desk.publish(release.toString());
      Stored stored = stored(id);
      assertThat(stored.title()).as("stored as sent").isEqualTo(text);
      accepted.put(id, stored);

      ParsedPage page = desk.page("/news/" + id);
      assertThat(text(page.one("h1"))).isEqualTo(text);
      assertThat(page.title()).isEqualTo(text + " – " + SITE);
      assertThat(page.property("og:title")).contains(text);
      String script = rawJsonLd(page.raw());
      assertThat(script).doesNotContain("<", ">", "\u2028", "\u2029");
      assertThat(page.jsonLd().orElseThrow().path("headline").asText()).isEqualTo(text);
    }
    checkEveryPage(accepted);
  }

  @Test
  void aDirectionOverrideCannotTurnAroundTheTextAfterIt() {
    String override = "Darmstadt\u202E";
    ObjectNode release = FrontDesk.JSON.createObjectNode().put("title", "Bidi").put("body", "Body")
        .put("language", "en").put("status", "published").put("location", override);
    release.putArray("attachments").addObject().put("url", "https://a.example/f.pdf").put("title", override)
        .put("mediaType", "application/pdf").put("length", 1_200_000);
    release.putArray("tags").add(override);
    String id = desk.publish(release.toString());
    ParsedPage page = desk.page("/news/" + id);
    Element dateline = page.one("p", withClass("dateline"));
    assertThat(isolates(all(dateline, "*", e -> text(e).equals(override)).get(0)))
        .as("the location is isolated from the date after it").isTrue();
    Element attachment = one(page.one("span", withClass("details")).getParentNode() instanceof Element li ? li
        : null, "a");
    assertThat(isolates(attachment)).as("an attachment's title from its type and size").isTrue();
    Element listed = all(desk.page("/").one("article"), "*", e -> text(e).equals(override)).get(0);
    assertThat(isolates(listed)).as("the location in the newsroom").isTrue();
    Element filter = desk.page("/?tag=Darmstadt%E2%80%AE").one("p", withClass("filter"));
    assertThat(all(filter, "*", e -> isolates(e) && text(e).contains(override))).as("a filter").isNotEmpty();
  }

  /** Whether an element keeps its text's direction to itself (HTML's {@code bdi} or any {@code dir}). */
  private static boolean isolates(Element element) {
    return element.getLocalName().equals("bdi") || element.hasAttribute("dir");
  }

  @Test
  void aReleaseInARightToLeftLanguageIsARightToLeftPage() {
    String arabic = desk.publish(FrontDesk.JSON.createObjectNode().put("title", "إطلاق منتج جديد")
        .put("body", "فقرة").put("language", "ar").put("status", "published").toString());
    String hebrew = desk.publish(FrontDesk.JSON.createObjectNode().put("title", "שלום עולם")
        .put("body", "פסקה").put("language", "he-IL").put("status", "published").toString());
    String german = desk.publish(FrontDesk.JSON.createObjectNode().put("title", "Hallo")
        .put("body", "Text").put("language", "de").put("status", "published").toString());
    assertThat(desk.page("/news/" + arabic).root().getAttribute("dir")).isEqualTo("rtl");
    assertThat(desk.page("/news/" + hebrew).root().getAttribute("dir")).isEqualTo("rtl");
    assertThat(desk.page("/news/" + german).root().getAttribute("dir")).isIn("", "ltr");
    Map<String, String> directions = new LinkedHashMap<>();
    for (Element article : desk.page("/").all("article")) {
      directions.put(NewsroomPagesContract.articleId(article), article.getAttribute("dir"));
    }
    assertThat(directions).containsEntry(arabic, "rtl").containsEntry(hebrew, "rtl");
    assertThat(directions.get(german)).isIn("", "ltr");
  }

  @Test
  void anEmailAddressIsOneMailtoRecipientWhateverItHolds() {
    List<String> emails = List.of("info@it-for-work.de", "o'brien+press@example.com",
        "\"><script>alert(1)</script>@x.example", "a?bcc=victim%40evil.example@b.example",
        "a?body=Passwort@b.example", "x#frag@y.example", "a,b@c.example", "%3C&cc=x@y.example",
        "pr\u200Fesse😀@press.example", "javascript:alert(1)//@x.example");
    ObjectNode release = FrontDesk.JSON.createObjectNode().put("title", "Mail").put("body", "Body")
        .put("language", "en").put("status", "published");
    ArrayNode contacts = release.putArray("contacts");
    emails.forEach(email -> contacts.addObject().put("name", "N").put("email", email));
    String id = desk.publish(release.toString());
    ParsedPage page = desk.page("/news/" + id);
    List<Element> mailto = page.all("a", e -> e.getAttribute("href").startsWith("mailto:"));
    assertThat(mailto).extracting(ParsedPage::text).containsExactlyElementsOf(emails);
    for (int i = 0; i < emails.size(); i++) {
      String href = mailto.get(i).getAttribute("href");
      URI uri;
      try {
        uri = new URI(href);
      } catch (URISyntaxException e) {
        throw new AssertionError("not a URI: " + href, e);
      }
      assertThat(uri.getRawQuery()).as("no header fields in " + href).isNull();
      assertThat(uri.getRawFragment()).as(href).isNull();
      assertThat(uri.getRawSchemeSpecificPart()).as("one recipient: " + href).doesNotContain(",");
      assertThat(uri.getSchemeSpecificPart()).as(href).isEqualTo(emails.get(i));
    }
    checkEveryPage(Map.of(id, stored(id)));
  }

  @Test
  void hostileTagLangAndCursorValuesAreTextOrAProblemNeverA500() {
    desk.publish(NewsroomPagesContract.seed());
    List<String> values = new ArrayList<>(XssVectors.ALL);
    values.addAll(SHARP);
    values.addAll(CleanReleases.spice());
    values.addAll(List.of("a".repeat(2_000), "\u0001", "\u000B", "\u001B", "\u007F", "\u0085", "\uFFFE",
        "\uFDD0", "\uFEFF", "\uDBFF\uDFFF", "%00", "%3Cscript%3E", "+", "&tag=x", "#x", "ar", "de\"x"));
    for (String value : values) {
      for (String name : List.of("tag", "lang")) {
        Response answer = desk.get("/", Map.of(name, value));
        assertThat(answer.status()).as(name + "=" + value).isEqualTo(200);
        ParsedPage page = ParsedPage.of(answer);
        assertHarmless(page, Map.of(), name + "=" + value);
        assertOnlyLinks(page, Set.of(), name + "=" + value);
        String filter = value.strip();
        if (!filter.isEmpty()) {
          Map<String, String> query = Map.of(name, filter);
          assertThat(page.canonical()).as(name + "=" + value)
              .hasValueSatisfying(c -> assertThat(ParsedPage.query(c)).isEqualTo(query));
          assertThat(page.alternates().subList(0, 3)).as(name + "=" + value)
              .allSatisfy(feed -> assertThat(ParsedPage.query(feed.getValue())).isEqualTo(query));
          // Shown as a release would show it: a character no release may hold is U+FFFD.
          assertThat(text(page.one("p", withClass("filter")))).as(name + "=" + value)
              .contains(shownAs(FeedText.clean(filter)));
        }
      }
      Response cursor = desk.get("/", Map.of("cursor", value));
      assertThat(cursor.status()).as("cursor=" + value).isEqualTo(400);
      assertThat(cursor.headers().get("Content-Type")).isEqualTo("application/problem+json");
      if (value.length() > 3) {
        assertThat(cursor.bodyText()).doesNotContain(value);
      }
    }
  }

  // ---- the checks ------------------------------------------------------------------------------

  /** What the API stored for a release, and the rendering the pages must show of it as HTML. */
  record Stored(String id, JsonNode json, Rendering rendering) {
    String title() {
      return json.get("title").asText();
    }

    String body() {
      return json.get("body").asText();
    }

    String language() {
      return json.get("language").asText();
    }

    String optional(String field) {
      return json.path(field).isTextual() ? json.get(field).asText() : null;
    }

    List<String> tags() {
      List<String> tags = new ArrayList<>();
      json.path("tags").forEach(t -> tags.add(t.asText()));
      return tags;
    }

    /** Every URL the release gives: the only links a page of it may carry besides its own. */
    Set<String> urls() {
      Set<String> urls = new LinkedHashSet<>();
      for (String list : List.of("contacts", "links", "attachments")) {
        json.path(list).forEach(item -> {
          if (item.path("url").isTextual()) {
            urls.add(item.get("url").asText());
          }
        });
      }
      if (json.path("organization").path("url").isTextual()) {
        urls.add(json.get("organization").get("url").asText());
      }
      return urls;
    }
  }

  private Stored stored(String id) {
    ReleaseStore store = desk.counted.store();
    return new Stored(id, desk.editorsView(id), Rendering.of(store.find(id).orElseThrow()));
  }

  /** The release pages, the newsroom page by page, and the newsroom filtered by every tag. */
  private void checkEveryPage(Map<String, Stored> releases) {
    for (Stored stored : releases.values()) {
      Response answer = desk.get("/news/" + stored.id());
      assertThat(answer.status()).as(stored.id()).isEqualTo(200);
      checkReleasePage(stored, ParsedPage.of(answer));
    }
    Set<String> listed = new LinkedHashSet<>();
    String next = "/";
    while (next != null) {
      ParsedPage page = desk.page(next);
      listed.addAll(checkIndex(page, releases, next));
      next = page.links("next").stream().findFirst().orElse(null);
    }
    assertThat(listed).containsAll(releases.keySet());
    Set<String> tags = new LinkedHashSet<>();
    releases.values().forEach(s -> tags.addAll(s.tags()));
    for (String tag : tags) {
      Response answer = desk.get("/", Map.of("tag", tag));
      assertThat(answer.status()).as("tag " + tag).isEqualTo(200);
      ParsedPage page = ParsedPage.of(answer);
      List<String> shown = checkIndex(page, releases, "tag " + tag);
      assertThat(shown).as("tag " + tag).isNotEmpty();
      assertThat(text(page.one("p", withClass("filter")))).contains(shownAs(tag));
    }
  }

  private void checkReleasePage(Stored s, ParsedPage page) {
    String where = "/news/" + s.id();
    assertHarmless(page, Map.of("div.body", s.rendering().bodyHtml(),
        "section.about", s.rendering().aboutHtml() == null ? "" : s.rendering().aboutHtml()), where);
    assertOnlyLinks(page, s.urls(), where);
    Element article = page.one("article");
    assertThat(page.lang()).as(where).isEqualTo(s.language());
    assertThat(text(one(one(article, "header"), "h1"))).as(where).isEqualTo(shownAs(s.title()));
    assertThat(page.title()).as(where).isEqualTo(shownAs(s.title()) + " – " + SITE);
    assertThat(page.property("og:title")).as(where).contains(shownAs(s.title()));
    assertThat(page.property("og:locale")).as(where).hasValueSatisfying(locale ->
        assertThat(locale).matches("[a-z]{2,8}(_([A-Z]{2}|[0-9]{3}))?"));
    String summary = s.rendering().feedSummary();
    assertThat(page.property("og:description")).as(where).contains(shownAs(summary));
    assertThat(page.metaName("description")).as(where).contains(shownAs(summary));
    String subtitle = s.optional("subtitle");
    List<Element> subtitles = all(article, "p", withClass("subtitle"));
    if (subtitle == null) {
      assertThat(subtitles).as(where).isEmpty();
    } else {
      assertThat(subtitles).extracting(ParsedPage::text).as(where).containsExactly(shownAs(subtitle));
    }
    String location = s.optional("location");
    Element dateline = one(article, "p", withClass("dateline"));
    if (location != null) {
      assertThat(text(dateline)).as(where).startsWith(shownAs(location) + ", ");
    }
    List<String> tags = s.tags().stream().map(HostilePagesContract::shownAs).toList();
    assertThat(page.properties("article:tag")).as(where).containsExactlyElementsOf(tags);
    List<Element> tagLinks = all(article, "ul", withClass("tags")).stream().flatMap(u -> all(u, "a").stream()).toList();
    assertThat(tagLinks).extracting(ParsedPage::text).as(where).containsExactlyElementsOf(tags);
    for (int i = 0; i < tagLinks.size(); i++) {
      assertThat(ParsedPage.query(tagLinks.get(i).getAttribute("href"))).as(where)
          .isEqualTo(Map.of("tag", s.tags().get(i)));
    }

    // Press contacts: every field as text, the e-mail a mailto: link to that address.
    List<Element> addresses = all(article, "address");
    assertThat(addresses).as(where).hasSize(s.json().path("contacts").size());
    for (int i = 0; i < addresses.size(); i++) {
      JsonNode contact = s.json().get("contacts").get(i);
      Element address = addresses.get(i);
      assertThat(text(one(address, "strong"))).as(where).isEqualTo(shownAs(contact.get("name").asText()));
      String shownAddress = shown(address);
      for (String field : List.of("role", "organization", "email", "phone", "fax", "url")) {
        if (contact.path(field).isTextual()) {
          assertThat(shownAddress).as(where + " contact " + field).contains(collapse(shownAs(contact.get(field).asText())));
        }
      }
      if (contact.path("address").isTextual()) {
        for (String line : contact.get("address").asText().split("\n")) {
          assertThat(shownAddress).as(where + " address").contains(collapse(shownAs(line)));
        }
      }
      if (contact.path("email").isTextual()) {
        Element mail = one(address, "a", e -> e.getAttribute("href").startsWith("mailto:"));
        assertThat(text(mail)).isEqualTo(contact.get("email").asText());
      }
    }
    Words words = Words.of(s.language());
    JsonNode links = s.json().path("links");
    if (!links.isEmpty()) {
      List<Element> anchors = all(headed(article, words.links()), "a");
      assertThat(anchors).as(where + ": links").hasSize(links.size());
      for (int i = 0; i < anchors.size(); i++) {
        assertThat(text(anchors.get(i))).as(where).isEqualTo(shownAs(links.get(i).get("title").asText()));
        assertThat(anchors.get(i).getAttribute("href")).as(where).isEqualTo(links.get(i).get("url").asText());
      }
    }
    JsonNode attachments = s.json().path("attachments");
    if (!attachments.isEmpty()) {
      List<Element> items = all(headed(article, words.attachments()), "li");
      assertThat(items).as(where + ": attachments").hasSize(attachments.size());
      for (int i = 0; i < items.size(); i++) {
        JsonNode attachment = attachments.get(i);
        Element a = one(items.get(i), "a");
        assertThat(text(a)).as(where).isEqualTo(shownAs(attachment.path("title").isTextual()
            ? attachment.get("title").asText() : attachment.get("url").asText()));
        assertThat(a.getAttribute("href")).as(where).isEqualTo(attachment.get("url").asText());
        if (attachment.path("mediaType").isTextual()) {
          assertThat(text(one(items.get(i), "span", withClass("details")))).as(where)
              .contains(attachment.get("mediaType").asText());
        }
      }
    }

    // The JSON-LD: the same values, and nothing that could end or confuse its script element.
    String script = rawJsonLd(page.raw());
    assertThat(script).as(where).doesNotContain("<", ">", "\u2028", "\u2029");
    JsonNode ld = page.jsonLd().orElseThrow();
    assertThat(ld.path("@type").asText()).isEqualTo("NewsArticle");
    assertThat(ld.path("headline").asText()).as(where).isEqualTo(s.title());
    assertThat(ld.path("description").asText()).as(where).isEqualTo(summary);
    assertThat(ld.path("inLanguage").asText()).as(where).isEqualTo(s.language());
    assertThat(ld.path("url").asText()).as(where).isEqualTo(BASE + "/news/" + s.id());
    if (subtitle != null) {
      assertThat(ld.path("alternativeHeadline").asText()).as(where).isEqualTo(subtitle);
    }
    if (!s.tags().isEmpty()) {
      assertThat(ld.path("keywords").asText()).as(where).isEqualTo(String.join(", ", s.tags()));
    }
    if (location != null) {
      assertThat(ld.path("locationCreated").path("name").asText()).as(where).isEqualTo(location);
    }
    if (s.json().path("organization").path("name").isTextual()) {
      assertThat(ld.path("publisher").path("name").asText()).as(where)
          .isEqualTo(s.json().get("organization").get("name").asText());
    }
  }

  /** The newsroom page's entries checked against what was stored; the ids it lists. */
  private List<String> checkIndex(ParsedPage page, Map<String, Stored> releases, String where) {
    assertHarmless(page, Map.of(), where);
    assertOnlyLinks(page, Set.of(), where);
    List<String> ids = new ArrayList<>();
    for (Element article : page.all("article")) {
      String id = NewsroomPagesContract.articleId(article);
      ids.add(id);
      Stored s = releases.get(id);
      if (s == null) {
        continue;
      }
      assertThat(article.getAttribute("lang")).as(where).isEqualTo(s.language());
      assertThat(text(one(one(article, "h2"), "a"))).as(where).isEqualTo(shownAs(s.title()));
      String location = s.optional("location");
      if (location != null) {
        assertThat(text(one(article, "p", withClass("meta")))).as(where).endsWith(" · " + shownAs(location));
      }
      assertThat(all(article, "p", e -> !e.hasAttribute("class"))).extracting(ParsedPage::text).as(where)
          .containsExactly(shownAs(s.rendering().feedSummary()));
      List<Element> tags = all(article, "ul", withClass("tags")).stream().flatMap(u -> all(u, "a").stream()).toList();
      assertThat(tags).extracting(ParsedPage::text).as(where)
          .containsExactlyElementsOf(s.tags().stream().map(HostilePagesContract::shownAs).toList());
    }
    return ids;
  }

  /**
   * Nothing on the page that a text chose: only the templates' elements and attributes outside
   * the stored HTML ({@code selector → html}: its container must hold exactly that HTML's
   * tree), one script and it JSON-LD, one style, no event handler and no URL with a scheme that
   * runs anything, anywhere; and the page parses without a single HTML5 parse error.
   */
  static void assertHarmless(ParsedPage page, Map<String, String> stored, String where) {
    // The templates add no parse error. The stored rendering may carry its own: the sanitiser
    // writes <p><table></table></p> for one vector, which an HTML5 parser reads as <p></p>,
    // <table> and a stray </p>; harmless, and the rendering's to fix, not the pages'.
    List<String> own = new ArrayList<>();
    stored.values().forEach(html -> own.addAll(ParsedPage.fragmentParseErrors(html)));
    assertThat(page.parseErrors().stream().map(ParsedPage::withoutPosition).toList())
        .as(() -> where + ": HTML5 parse errors in\n" + lines(page, page.parseErrors()))
        .containsExactlyInAnyOrderElementsOf(own);
    Set<Element> containers = new LinkedHashSet<>();
    for (Map.Entry<String, String> entry : stored.entrySet()) {
      String[] selector = entry.getKey().split("\\.");
      List<Element> found = page.all(selector[0], withClass(selector[1]));
      if (entry.getValue().isEmpty()) {
        assertThat(found).as(where + ": no " + entry.getKey()).isEmpty();
        continue;
      }
      assertThat(found).as(where + ": " + entry.getKey()).hasSize(1);
      Element container = found.get(0);
      containers.add(container);
      StringBuilder onPage = new StringBuilder();
      for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (!(n instanceof Element e && e.getLocalName().equals("h2") && selector[1].equals("about")
            && n == firstElement(container))) {
          shape(n, onPage);
        }
      }
      assertThat(onPage.toString()).as(where + ": " + entry.getKey() + " is the stored rendering")
          .isEqualTo(shapeOf(entry.getValue()));
    }
    for (Element e : page.elements()) {
      String tag = e.getLocalName();
      boolean storedHtml = containers.stream().anyMatch(c -> ParsedPage.inside(e, c));
      if (!storedHtml) {
        assertThat(TEMPLATE_ELEMENTS).as(where + ": <" + tag + "> is not the templates'").contains(tag);
      }
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Node a = attributes.item(i);
        String name = a.getNodeName().toLowerCase(Locale.ROOT);
        if (!storedHtml) {
          assertThat(TEMPLATE_ATTRIBUTES).as(where + ": " + name + " on <" + tag + "> is not the templates'")
              .contains(name);
        }
        assertThat(name).as(where + ": event handler on <" + tag + ">").doesNotStartWith("on");
        if (URL_ATTRIBUTES.contains(name)) {
          String scheme = scheme(a.getNodeValue());
          if (scheme != null) {
            assertThat(SAFE_SCHEMES).as(where + ": " + name + "=" + a.getNodeValue()).contains(scheme);
          }
        }
      }
    }
    for (Element time : page.all("time")) {
      // HTML's valid global date and time string, as machines read it: at most milliseconds.
      assertThat(time.getAttribute("datetime")).as(where)
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z");
    }
    List<Element> scripts = page.all("script");
    assertThat(scripts).as(where + ": scripts").allSatisfy(s ->
        assertThat(s.getAttribute("type")).isEqualTo("application/ld+json"));
    assertThat(scripts).as(where).hasSizeLessThanOrEqualTo(1);
    assertThat(page.all("style")).as(where).hasSize(1);
    assertThat(page.all("title")).as(where).hasSize(1);
    assertThat(page.all("main")).as(where).hasSize(1);
    assertThat(page.all("body")).as(where).hasSize(1);
  }

  /** The lines of the page that {@code errors} ("line:column message") are about. */
  private static String lines(ParsedPage page, List<String> errors) {
    String[] lines = page.raw().split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (String error : errors) {
      int line = Integer.parseInt(error.substring(0, error.indexOf(':')));
      out.append(line).append(": ").append(line >= 1 && line <= lines.length ? lines[line - 1] : "?").append('\n');
    }
    return out.toString();
  }

  /** Links outside the stored HTML go to this newsroom, to a contact, or to a URL the release gave. */
  static void assertOnlyLinks(ParsedPage page, Set<String> given, String where) {
    Set<Element> storedHtml = new LinkedHashSet<>(page.all("div", withClass("body")));
    storedHtml.addAll(page.all("section", withClass("about")));
    for (Element a : page.all("a")) {
      if (storedHtml.stream().anyMatch(c -> ParsedPage.inside(a, c))) {
        continue;
      }
      String href = a.getAttribute("href");
      assertThat(href.equals("#content") || href.startsWith(BASE + "/") || href.startsWith("mailto:")
          || href.startsWith("tel:") || given.contains(href)).as(where + ": a link to " + href).isTrue();
    }
    for (Element link : page.all("link")) {
      assertThat(link.getAttribute("href")).as(where).startsWith(BASE + "/");
    }
  }

  /** The section whose heading (its first element) says {@code heading}. */
  private static Element headed(Element scope, String heading) {
    return one(scope, "section", e -> firstElement(e) != null && firstElement(e).getLocalName().equals("h2")
        && text(firstElement(e)).equals(heading));
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  /** The tree of an HTML fragment as {@link #shape} writes it, parsed in a {@code div}. */
  static String shapeOf(String html) {
    try {
      HtmlDocumentBuilder builder = new HtmlDocumentBuilder(ParsedPage.DOM, XmlViolationPolicy.ALLOW);
      Node fragment = builder.parseFragment(new InputSource(new StringReader(html)), "div");
      StringBuilder out = new StringBuilder();
      for (Node n = fragment.getFirstChild(); n != null; n = n.getNextSibling()) {
        shape(n, out);
      }
      return out.toString();
    } catch (Exception e) {
      throw new AssertionError("the stored HTML does not parse: " + e, e);
    }
  }

  /** Elements with their attributes (sorted), text without the white space around it, comments. */
  static void shape(Node node, StringBuilder out) {
    if (node instanceof Element e) {
      out.append('<').append(e.getLocalName());
      Map<String, String> attributes = new TreeMap<>();
      for (int i = 0; i < e.getAttributes().getLength(); i++) {
        Node a = e.getAttributes().item(i);
        attributes.put(a.getNodeName(), a.getNodeValue());
      }
      attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
      out.append('>');
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        shape(n, out);
      }
      out.append("</").append(e.getLocalName()).append('>');
    } else if (node.getNodeType() == Node.TEXT_NODE) {
      String text = node.getNodeValue().strip();
      if (!text.isEmpty()) {
        out.append('[').append(text).append(']');
      }
    } else if (node.getNodeType() == Node.COMMENT_NODE) {
      out.append("<!--").append(node.getNodeValue()).append("-->");
    }
  }

  /** The scheme a browser would see in a URL attribute (WHATWG URL: controls and spaces around, tabs and newlines inside, ignored). */
  static String scheme(String value) {
    String v = value.replaceAll("^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$", "").replaceAll("[\\t\\n\\r]", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):").matcher(v);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The JSON-LD as it stands in the bytes: from its script start tag to the first {@code </script}. */
  static String rawJsonLd(String html) {
    String open = "<script type=\"application/ld+json\">";
    int start = html.indexOf(open);
    assertThat(start).as("a JSON-LD script").isNotNegative();
    // Case-insensitive without lower-casing: "İ".toLowerCase() is two chars and would shift the index.
    java.util.regex.Matcher close = java.util.regex.Pattern.compile("</script", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(html);
    assertThat(close.find(start)).isTrue();
    return html.substring(start + open.length(), close.start());
  }

  /**
   * Text as the DOM holds it after an HTML5 parser read it: line breaks normalised (CR LF and CR
   * become LF). Everything else must come back as the editor sent it.
   */
  static String shownAs(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  // ---- releases from the corpora ---------------------------------------------------------------

  /** A release with {@code vector} in every text field, cut to each field's length. */
  static ObjectNode vectorRelease(String vector) {
    ObjectNode r = FrontDesk.JSON.createObjectNode();
    r.put("title", cut(vector, 300)).put("subtitle", cut(vector, 300)).put("summary", vector)
        .put("body", vector).put("language", "en").put("status", "published")
        .put("location", cut(vector, 100)).put("about", vector);
    r.putArray("tags").add(cut(vector, 50)).add("xss");
    r.putObject("organization").put("name", cut(vector, 300)).put("url", "https://org.example/");
    r.putArray("contacts").addObject().put("name", cut(vector, 300)).put("role", cut(vector, 300))
        .put("organization", cut(vector, 300)).put("email", "presse@org.example").put("phone", cut(vector, 300))
        .put("fax", cut(vector, 300)).put("address", cut(vector + "\n" + vector, 300))
        .put("url", "https://org.example/kontakt?a=1&b=2");
    r.putArray("links").addObject().put("title", cut(vector, 300)).put("url", "https://org.example/link");
    r.putArray("attachments").addObject().put("url", "https://org.example/a.pdf").put("title", cut(vector, 300))
        .put("mediaType", "application/pdf").put("length", 123_456);
    return r;
  }

  private static String cut(String text, int codePoints) {
    return text.codePointCount(0, text.length()) <= codePoints ? text
        : text.substring(0, text.offsetByCodePoints(0, codePoints));
  }

  /** An input as an editor sends it in JSON. */
  static ObjectNode json(ReleaseInput in) {
    ObjectNode r = FrontDesk.JSON.createObjectNode();
    r.put("title", in.title()).put("subtitle", in.subtitle()).put("summary", in.summary()).put("body", in.body())
        .put("language", in.language()).put("status", in.status() == null ? "published" : in.status())
        .put("publishAt", in.publishAt()).put("location", in.location()).put("about", in.about());
    ArrayNode tags = r.putArray("tags");
    in.tags().forEach(tags::add);
    if (in.organization() != null) {
      r.putObject("organization").put("name", in.organization().name()).put("url", in.organization().url());
    }
    ArrayNode contacts = r.putArray("contacts");
    for (ReleaseInput.Contact c : in.contacts()) {
      contacts.addObject().put("name", c.name()).put("role", c.role()).put("organization", c.organization())
          .put("email", c.email()).put("phone", c.phone()).put("fax", c.fax()).put("address", c.address())
          .put("url", c.url());
    }
    ArrayNode links = r.putArray("links");
    in.links().forEach(l -> links.addObject().put("title", l.title()).put("url", l.url()));
    ArrayNode attachments = r.putArray("attachments");
    for (ReleaseInput.Attachment a : in.attachments()) {
      ObjectNode node = attachments.addObject().put("url", a.url()).put("title", a.title())
          .put("mediaType", a.mediaType());
      if (a.length() != null) {
        node.put("length", a.length());
      }
    }
    // Absent rather than null, as an editor would leave them out.
    List<String> nulls = new ArrayList<>();
    r.fields().forEachRemaining(f -> {
      if (f.getValue().isNull()) {
        nulls.add(f.getKey());
      }
    });
    r.remove(nulls);
    for (String list : List.of("contacts", "links", "attachments")) {
      r.get(list).forEach(item -> {
        List<String> empty = new ArrayList<>();
        item.fields().forEachRemaining(f -> {
          if (f.getValue().isNull()) {
            empty.add(f.getKey());
          }
        });
        ((ObjectNode) item).remove(empty);
      });
    }
    if (r.path("organization").path("url").isNull()) {
      ((ObjectNode) r.get("organization")).remove("url");
    }
    return r;
  }
}
