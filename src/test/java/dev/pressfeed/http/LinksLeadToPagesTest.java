package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.feed.Xml;
import dev.pressfeed.feed.XssVectors;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.FeedText;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * SPEC §9: every link a feed hands a person leads to a page, not to JSON — each item to its
 * release's page {@code /news/{id}}, the channel to the newsroom {@code /} with the feed's own
 * filters — and a filtered feed says what it is: its tag in its title, its {@code lang} as its
 * language. Read as readers read them: the JDK's XML parser and Rome for RSS and Atom, Jackson
 * for JSON Feed, each page also through {@link FeedCheck}. No query a client can send breaks a
 * feed: hostile tags and languages are requested and every answer parsed.
 */
class LinksLeadToPagesTest {

  private static final String BASE = "https://press.example";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FEEDS = List.of("/feed.rss", "/feed.atom", "/feed.json");
  private static final String SEED_ID =
      "2020-09-14-it-for-work-e-v-gratuliert-zum-erfolg-der-wissenschaftsstadt-darmstadt-im";
  /** An English release with none of the seed's tags, published after it. */
  private static final String ENGLISH_ID = "2021-03-01-a-release-in-english";

  @TempDir Path dir;
  private EmbeddedReleaseStore store;
  private Application application;
  private Router feeds;
  private Router lists;
  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));

  @BeforeEach
  void open() throws Exception {
    store = EmbeddedReleaseStore.open(dir);
    application = new Application(Config.from(Map.of()), store, clock);
    feeds = application.feedRouter();
    lists = application.publicRouter();
    Router editor = application.editorRouter();
    for (String json : List.of(RunningGateway.seedJson(), RunningGateway.seedWith(Map.of(
        "title", "A release in English", "language", "en", "tags", List.of("Launch"),
        "publishAt", "2021-03-01T10:00:00Z")))) {
      Response created = editor.handle(post(json));
      assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  private static Request post(String json) {
    return new Request("POST", "/releases", Map.of(), Map.of("content-type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8), Optional.of(new Request.Editor("links-test")), BASE);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void everyItemLinksToItsReleasePageAndTheChannelToTheNewsroom() throws Exception {
    for (String feed : FEEDS) {
      Seen seen = read(feed, Map.of());
      assertThat(seen.items).as(feed)
          .containsExactly(BASE + "/news/" + ENGLISH_ID, BASE + "/news/" + SEED_ID);
      assertThat(seen.home).as(feed).isEqualTo(BASE + "/");
      assertThat(seen.title).as(feed).isEqualTo("Pressfeed");
      assertThat(seen.language).as(feed).isEqualTo("en");
    }
  }

  @Test
  void aTagFilteredFeedIsTitledWithItsTagAsRequestedAndLinksToTheNewsroomFilteredAlike()
      throws Exception {
    for (String feed : FEEDS) {
      Seen seen = read(feed, Map.of("tag", " Förderung "));
      assertThat(seen.items).as(feed).containsExactly(BASE + "/news/" + SEED_ID);
      assertThat(seen.home).as(feed).isEqualTo(BASE + "/?tag=F%C3%B6rderung");
      assertThat(seen.title).as(feed).isEqualTo("Pressfeed – Förderung");
      assertThat(seen.language).as(feed).isEqualTo("en");
      // Tags match in any case; the title shows the one the subscriber asked for.
      Seen lower = read(feed, Map.of("tag", "förderung"));
      assertThat(lower.items).as(feed).containsExactly(BASE + "/news/" + SEED_ID);
      assertThat(lower.title).as(feed).isEqualTo("Pressfeed – förderung");
    }
  }

  @Test
  void aLanguageFilteredFeedCarriesThatLanguage() throws Exception {
    for (String feed : FEEDS) {
      Seen seen = read(feed, Map.of("lang", "de"));
      assertThat(seen.items).as(feed).containsExactly(BASE + "/news/" + SEED_ID);
      assertThat(seen.home).as(feed).isEqualTo(BASE + "/?lang=de");
      assertThat(seen.title).as(feed).isEqualTo("Pressfeed");
      assertThat(seen.language).as(feed).isEqualTo("de");
    }
  }

  @Test
  void bothFiltersTitleAndLanguageEveryPageAndNoCursorReachesTheNewsroomLink() throws Exception {
    Response created = application.editorRouter().handle(post(RunningGateway.seedWith(Map.of(
        "title", "Noch eine Förderung", "publishAt", "2020-10-01T10:00:00Z"))));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    String newer = JSON.readTree(created.bodyText()).path("id").asText();
    // One release a page, so that the filtered feed has an older page with a cursor.
    Router onePerPage = new Application(Config.from(Map.of("FEED_SIZE", "1")), store, clock).feedRouter();
    for (String feed : FEEDS) {
      Map<String, String> query = new LinkedHashMap<>(Map.of("tag", "Förderung", "lang", "de"));
      Seen first = read(onePerPage, feed, query);
      assertThat(first.items).as(feed).containsExactly(BASE + "/news/" + newer);
      assertThat(first.next).as(feed).contains("cursor=");
      query.put("cursor", FeedCheck.queryOf(first.next, BASE + feed, feed).get("cursor"));
      Seen older = read(onePerPage, feed, query);
      assertThat(older.items).as(feed).containsExactly(BASE + "/news/" + SEED_ID);
      for (Seen page : List.of(first, older)) {
        assertThat(page.home).as(feed).isEqualTo(BASE + "/?tag=F%C3%B6rderung&lang=de");
        assertThat(page.title).as(feed).isEqualTo("Pressfeed – Förderung");
        assertThat(page.language).as(feed).isEqualTo("de");
      }
    }
  }

  @Test
  void noTagAClientCanSendBreaksAFeedAndTheTitleShowsItAsText() throws Exception {
    List<String> tags = new ArrayList<>(List.of(
        "\u0001control\u0000 and \u001B", "a & b", "<b>bold</b> &lt;", "]]>", "]]]]><![CDATA[>",
        "\u202Eevil\u202C right-to-left override", "\u200Fמרקר\u200E", "x".repeat(60),
        "ü".repeat(300), "&#x1;", "&#0;", "&amp;", "&#xD800;", "\uFFFE\uFFFF", "\uD800 lone",
        "\uDC00", "\u0085 C1 \u009F", "\uFDD0", "line\nbreak\ttab\rreturn", "quote \" and '",
        "?tag=x&lang=y#frag", "%C3%B6 %zz +", "Förder\u2028ung\u2029", "😀 astral 𝔘", "\uFEFF"));
    tags.addAll(XssVectors.ALL);
    for (String tag : tags) {
      String requested = tag.strip();
      for (String feed : FEEDS) {
        String where = feed + "?tag=" + printable(tag);
        Seen seen = read(feed, Map.of("tag", tag));
        assertThat(seen.title).as(where)
            .isEqualTo("Pressfeed – " + FeedText.clean(requested))
            .satisfies(title -> assertThat(FeedText.isAllowed(title)).isTrue());
        assertThat(seen.home).as(where).startsWith(BASE + "/?tag=");
        if (FeedText.isAllowed(requested)) {
          // A lone surrogate has no UTF-8 form: the URL encoder writes '?' for it.
          assertThat(URLDecoder.decode(seen.home.substring((BASE + "/?tag=").length()),
              StandardCharsets.UTF_8)).as(where).isEqualTo(requested);
        }
        assertThat(seen.language).as(where).isEqualTo("en");
        assertThat(seen.items).as(where).isEmpty();
      }
    }
  }

  @Test
  void aLanguageNoReleaseCouldHaveLeavesTheFeedInFeedLanguageAndAWellFormedOneIsCarried()
      throws Exception {
    for (String lang : List.of("<de>", "de-", "-de", "de--DE", "de DE", "de_DE", "de\u0000",
        "d\u0001e", "]]>", "&amp;", "d", "deutschland", "\u202Ede", "de-\uFFFE", "\uD800",
        "\"de\"", "de;q=1", "x".repeat(40), "de-" + "a".repeat(9))) {
      for (String feed : FEEDS) {
        Seen seen = read(feed, Map.of("lang", lang));
        assertThat(seen.language).as(feed + "?lang=" + printable(lang)).isEqualTo("en");
        assertThat(seen.title).as(feed + "?lang=" + printable(lang)).isEqualTo("Pressfeed");
      }
    }
    for (String lang : List.of("DE", "de-at", "zh-Hant-TW", "sgn-BE-FR", "de-DE-1901", "x-klingon")) {
      for (String feed : FEEDS) {
        assertThat(read(feed, Map.of("lang", lang)).language).as(feed + "?lang=" + lang).isEqualTo(lang);
      }
    }
  }

  @Test
  void aCacheHoldingTheLastDeploysBytesGetsNoNotModified() {
    // Items' links moved, so what the last version served under these validators is stale: a
    // conditional request with them must get the new bytes, not a 304.
    FeedState state = store.feedState();
    Instant now = clock.instant();
    String lastModified = Long.toString(state.lastModified(now).toEpochMilli());
    String edition = Long.toString(state.edition());
    String oldList = Conditional.validator("list", BASE, "", "", edition, lastModified);
    Response list = lists.handle(get("/releases", Map.of(), Map.of("if-none-match", oldList)));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.headers().get("ETag")).isNotEqualTo(oldList);

    Config config = Config.from(Map.of());
    String channel = new FeedApi.Channel(config.feedTitle(), config.feedDescription(),
        config.feedLanguage(), config.feedSize(), config.feedMaxAge()).toString();
    // The last deploy: output version 6, a channel without a hub (issue 15 added it).
    String oldChannel = channel.replace(", hub=Optional.empty", "");
    assertThat(oldChannel).isNotEqualTo(channel);
    String oldFeed = Conditional.validator("6", "/feed.rss", BASE, "", "", oldChannel, edition, lastModified);
    Response feed = feeds.handle(get("/feed.rss", Map.of(), Map.of("if-none-match", oldFeed)));
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.headers().get("ETag")).isNotEqualTo(oldFeed);
    // Version 7: the same channel, before Atom's first pages signalled withdrawals.
    String lastFeed = Conditional.validator("7", "/feed.rss", BASE, "", "", channel, edition, lastModified);
    assertThat(feeds.handle(get("/feed.rss", Map.of(), Map.of("if-none-match", lastFeed))).status())
        .isEqualTo(200);
    // The same formula with this deploy's version is what it serves: the checks above are live.
    assertThat(feed.headers().get("ETag")).isEqualTo(
        Conditional.validator("8", "/feed.rss", BASE, "", "", channel, edition, lastModified));
    assertThat(list.headers().get("ETag")).isEqualTo(
        Conditional.validator("list2", BASE, "", "", edition, lastModified));
  }

  /**
   * What a reader takes from one feed page: its title, language, newsroom link, item links and
   * next page ({@code ""} when there is none).
   */
  private record Seen(String title, String language, String home, List<String> items, String next) {}

  private Seen read(String feed, Map<String, String> query) throws Exception {
    return read(feeds, feed, query);
  }

  private static Seen read(Router feeds, String feed, Map<String, String> query) throws Exception {
    Response response = feeds.handle(get(feed, query, Map.of()));
    String where = feed + " " + printable(query.toString());
    assertThat(response.status()).as(where + ": " + response.bodyText()).isEqualTo(200);
    String body = response.bodyText();
    String next = FeedCheck.wellFormed(feed, body, where).orElse("");
    if (feed.endsWith(".json")) {
      JsonNode json = JSON.readTree(body);
      List<String> items = new ArrayList<>();
      json.path("items").forEach(item -> items.add(item.path("url").asText()));
      return new Seen(json.path("title").asText(), json.path("language").asText(),
          json.path("home_page_url").asText(), items, next);
    }
    Seen seen = feed.endsWith(".rss") ? rss(Xml.parse(body), next) : atom(Xml.parse(body), next);
    // Rome, as a feed reader: the same title, language and site link.
    SyndFeed rome = new SyndFeedInput().build(new StringReader(body));
    assertThat(rome.getTitle()).as(where + " by Rome").isEqualTo(seen.title);
    if (feed.endsWith(".rss")) {
      assertThat(rome.getLink()).as(where + " by Rome").isEqualTo(seen.home);
      assertThat(rome.getLanguage()).as(where + " by Rome").isEqualTo(seen.language);
    } else {
      // Rome's SyndFeed.getLink() of an Atom feed is its self link; the alternate is among its links.
      assertThat(rome.getLinks()).filteredOn(l -> "alternate".equals(l.getRel()))
          .extracting(l -> l.getHref() + " " + l.getType()).as(where + " by Rome")
          .containsExactly(seen.home + " text/html");
    }
    assertThat(rome.getEntries()).extracting(e -> e.getLink()).as(where + " by Rome")
        .containsExactlyElementsOf(seen.items);
    return seen;
  }

  private static Seen rss(Element root, String next) {
    Element channel = only(root, null, "channel");
    List<String> items = new ArrayList<>();
    for (Element item : children(channel, null, "item")) {
      items.add(only(item, null, "link").getTextContent());
    }
    return new Seen(only(channel, null, "title").getTextContent(),
        only(channel, null, "language").getTextContent(), only(channel, null, "link").getTextContent(),
        items, next);
  }

  private static Seen atom(Element feed, String next) {
    List<String> items = new ArrayList<>();
    for (Element entry : children(feed, ATOM, "entry")) {
      items.add(alternate(entry));
    }
    return new Seen(only(feed, ATOM, "title").getTextContent(),
        feed.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"), alternate(feed), items,
        next);
  }

  /** The one {@code rel="alternate"} link, which must say that it leads to HTML. */
  private static String alternate(Element parent) {
    List<Element> alternates = children(parent, ATOM, "link").stream()
        .filter(l -> l.getAttribute("rel").equals("alternate")).toList();
    assertThat(alternates).hasSize(1);
    assertThat(alternates.get(0).getAttribute("type")).isEqualTo("text/html");
    return alternates.get(0).getAttribute("href");
  }

  private static Request get(String path, Map<String, String> query, Map<String, String> headers) {
    return new Request("GET", path, query, headers, null, Optional.empty(), BASE);
  }

  private static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())
          && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element only(Element parent, String namespace, String name) {
    List<Element> found = children(parent, namespace, name);
    assertThat(found).as("<" + name + "> in <" + parent.getTagName() + ">").hasSize(1);
    return found.get(0);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c > 0xFFFD
        || (c >= 0xD800 && c <= 0xDFFF) ? String.format("\\u%04X", c) : Character.toString(c)));
    return out.toString();
  }
}
