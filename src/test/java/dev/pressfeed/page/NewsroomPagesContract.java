package dev.pressfeed.page;

import static dev.pressfeed.page.FrontDesk.BASE;
import static dev.pressfeed.page.ParsedPage.all;
import static dev.pressfeed.page.ParsedPage.one;
import static dev.pressfeed.page.ParsedPage.shown;
import static dev.pressfeed.page.ParsedPage.text;
import static dev.pressfeed.page.ParsedPage.with;
import static dev.pressfeed.page.ParsedPage.withClass;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.http.Conditional;
import dev.pressfeed.http.Response;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The newsroom pages (SPEC §9, issue 13 points 1, 3, 4 and 5) on every store, through the
 * routers the pages function and the editors' function run: what a journalist reads on a
 * release page and the newsroom, what link previews and search engines read in its head, and
 * the rules every public read follows (validators, 304, the embargo cap, the security headers,
 * the same 404 for whatever is not public, a 410 that shows nothing of what was withdrawn).
 * Every page is parsed by an HTML5 parser and checked on its elements. Each store's subclass
 * supplies a fresh, empty store per test.
 */
abstract class NewsroomPagesContract {

  static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  /**
   * Berlin, where the seed's 01:30 on 14 September is still 13 September in UTC: the page must
   * tell the day of TIME_ZONE, not of the server.
   */
  static final Map<String, String> ENV = Map.of("TIME_ZONE", "Europe/Berlin", "FEED_SIZE", "3");
  static final String PUBLISH_AT = "2020-09-14T01:30:00+02:00";
  static final String SUBTITLE = "Darmstadt zählt zu den 32 Modellprojekten der zweiten Staffel";
  static final List<String> SEED_TAGS = List.of("Smart City", "Digitalstadt Darmstadt", "Förderung");
  /** Words only the seed release says: none of them may be on its 410 page. */
  static final List<String> SEED_WORDS = List.of("IT FOR WORK", "Wissenschaftsstadt", "Smart Cities",
      "Modellprojekt", "zweiten Staffel", "Seehofer", "Volker Scheidler", "350 Millionen",
      "Smart City", "Digitalstadt", "Förderung", "Darmstadt", "it-for-work.de", "6151",
      "Rheinstraße", "KonM", "Pressemappe", "bmi.bund.de");

  protected FrontDesk desk;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Closes what {@link #emptyStore} opened. */
  protected abstract void closeStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    desk = new FrontDesk(emptyStore(), ENV, START);
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  // ---- releases as an editor sends them ------------------------------------------------------

  /** The seed release (German: quote, contacts, links, boilerplate) with a subtitle and attachments. */
  static String seed() {
    return seedWith(Map.of());
  }

  static String seedWith(Map<String, Object> changes) {
    Map<String, Object> all = new HashMap<>();
    all.put("subtitle", SUBTITLE);
    all.put("publishAt", PUBLISH_AT);
    all.put("attachments", List.of(
        Map.of("url", "https://www.it-for-work.de/presse/smart-cities.pdf", "title", "Pressemappe",
            "mediaType", "application/pdf", "length", 1_234_567),
        Map.of("url", "https://www.it-for-work.de/presse/foto.jpg", "title", "Foto",
            "mediaType", "image/jpeg", "length", 850_000),
        Map.of("url", "https://www.it-for-work.de/presse/ohne-angaben")));
    all.putAll(changes);
    return RunningGateway.seedWith(all);
  }

  /** A short release published now (no {@code publishAt}), in {@code language}, with tags. */
  static String release(String title, String language, List<String> tags) {
    Map<String, Object> changes = new HashMap<>();
    changes.put("title", title);
    changes.put("summary", "Zusammenfassung von " + title);
    changes.put("language", language);
    changes.put("tags", tags);
    changes.put("publishAt", null);
    changes.put("location", "Ort " + title);
    return RunningGateway.seedWith(changes);
  }

  static String scheduled(String title, Instant at) {
    Map<String, Object> changes = new HashMap<>();
    changes.put("title", title);
    changes.put("publishAt", at.toString());
    return RunningGateway.seedWith(changes);
  }

  static String draft(String title) {
    Map<String, Object> changes = new HashMap<>();
    changes.put("title", title);
    changes.put("status", "draft");
    changes.put("publishAt", null);
    return RunningGateway.seedWith(changes);
  }

  // ---- point 3: what a journalist needs ------------------------------------------------------

  @Test
  void releasePageShowsTitleSubtitleDatelineBodyContactsLinksAttachmentsAndAbout() {
    String id = desk.publish(seed());
    JsonNode sent = desk.editorsView(id);
    ParsedPage page = desk.page("/news/" + id);
    assertThat(page.parseErrors()).as("HTML5 parse errors").isEmpty();

    Element article = page.one("article");
    assertThat(text(one(one(article, "header"), "h1"))).isEqualTo(sent.get("title").asText());
    assertThat(text(one(article, "p", withClass("subtitle")))).isEqualTo(SUBTITLE);
    Element dateline = one(article, "p", withClass("dateline"));
    assertThat(shown(dateline)).isEqualTo("Darmstadt, 14. September 2020");
    assertThat(one(dateline, "time").getAttribute("datetime")).isEqualTo("2020-09-13T23:30:00Z");

    // The body as the stored, sanitised rendering: paragraphs, and the quote as a quote.
    Element body = one(article, "div", withClass("body"));
    assertThat(all(body, "p")).hasSizeGreaterThanOrEqualTo(4);
    Element quote = one(body, "blockquote");
    assertThat(shown(quote)).startsWith("Der Erfolg der Wissenschaftsstadt Darmstadt")
        .endsWith("— Volker Scheidler, Vorstandsvorsitzender des IT FOR WORK e.V.");

    // Press contacts, with mailto: and tel: links.
    Element contacts = section(article, "Pressekontakt");
    Element address = one(contacts, "address");
    assertThat(text(one(address, "strong"))).isEqualTo("IT FOR WORK e. V.");
    assertThat(shown(address)).contains("c/o IHK Darmstadt, Rheinstraße 89, 64295 Darmstadt",
        "Fax: +49 6151 871 2 - 1129");
    Element mail = one(address, "a", e -> e.getAttribute("href").startsWith("mailto:"));
    assertThat(mail.getAttribute("href")).isEqualTo("mailto:info@it-for-work.de");
    assertThat(text(mail)).isEqualTo("info@it-for-work.de");
    Element phone = one(address, "a", e -> e.getAttribute("href").startsWith("tel:"));
    assertThat(phone.getAttribute("href")).isEqualTo("tel:+4961518711129");
    assertThat(text(phone)).isEqualTo("+49 6151 871 - 1129");
    assertThat(one(address, "a", with("href", "https://www.it-for-work.de"))).isNotNull();

    // Links, each with its title.
    List<Element> links = all(section(article, "Links"), "a");
    assertThat(links).extracting(ParsedPage::text).containsExactly("Smart Cities (BMI)", "Smart City Charta");
    assertThat(links.get(1).getAttribute("href")).isEqualTo(
        "https://www.bmi.bund.de/SharedDocs/downloads/DE/veroeffentlichungen/themen/bauen/wohnen/"
            + "smart-city-charta-langfassung.pdf?__blob=publicationFile&v=7");

    // Attachments with type and size, in the release's language (a decimal comma in German).
    List<Element> attachments = all(section(article, "Anhänge"), "li");
    assertThat(attachments).extracting(ParsedPage::shown).containsExactly(
        "Pressemappe (application/pdf, 1,2 MB)", "Foto (image/jpeg, 850 KB)",
        "https://www.it-for-work.de/presse/ohne-angaben");
    assertThat(one(attachments.get(0), "a").getAttribute("href"))
        .isEqualTo("https://www.it-for-work.de/presse/smart-cities.pdf");

    // The boilerplate, under the organisation's name.
    Element about = one(article, "section", withClass("about"));
    assertThat(text(one(about, "h2"))).isEqualTo("Über IT FOR WORK e.V.");
    assertThat(shown(about)).contains("IT FOR WORK vernetzt die IT-Branche");

    // Tags lead to the newsroom filtered by each.
    List<Element> tags = all(one(article, "ul", withClass("tags")), "a");
    assertThat(tags).extracting(ParsedPage::text).containsExactlyElementsOf(SEED_TAGS);
    for (Element tag : tags) {
      String href = tag.getAttribute("href");
      assertThat(ParsedPage.path(href)).isEqualTo("/");
      assertThat(href).startsWith(BASE + "/?");
      assertThat(ParsedPage.query(href)).isEqualTo(Map.of("tag", text(tag)));
    }
    assertThat(page.one("a", withClass("skip")).getAttribute("href")).isEqualTo("#content");
    assertThat(page.one("main").getAttribute("id")).isEqualTo("content");
  }

  /** The {@code <section>} whose heading says {@code heading}. */
  private static Element section(Element scope, String heading) {
    return one(scope, "section", s -> all(s, "h2").stream().anyMatch(h -> text(h).equals(heading)));
  }

  @Test
  void printingShowsTheReleaseWithoutTheNewsroomsNavigation() {
    String id = desk.publish(seed());
    ParsedPage page = desk.page("/news/" + id);
    String css = text(page.one("style"));
    int print = css.indexOf("@media print");
    assertThat(print).as("a print stylesheet").isPositive();
    String printing = css.substring(print);
    for (String hidden : List.of("header.site", "nav.pages", "footer", ".back", ".skip")) {
      assertThat(printing).as("hidden in print: " + hidden).containsPattern(
          "(?s)" + java.util.regex.Pattern.quote(hidden) + "[^{]*\\{display:none");
    }
    assertThat(page.all("link", with("rel", "stylesheet"))).as("one stylesheet, inline").isEmpty();
  }

  @Test
  void datesAreTheLongDateOfTheReleasesLanguageOnTheCalendarDayOfTimeZone() {
    String german = desk.publish(seed());
    String english = desk.publish(seedWith(Map.of("language", "en", "title", "IT FOR WORK congratulates")));
    String datetime = "2020-09-13T23:30:00Z";

    Element time = desk.page("/news/" + german).one("time");
    assertThat(time.getAttribute("datetime")).isEqualTo(datetime);
    assertThat(text(time)).isEqualTo("14. September 2020");
    assertThat(text(desk.page("/news/" + english).one("time"))).isEqualTo("September 14, 2020");

    // The same instant in UTC (TIME_ZONE's default) is still the 13th.
    FrontDesk utc = desk.with(Map.of("FEED_SIZE", "3"));
    assertThat(text(utc.page("/news/" + german).one("time"))).isEqualTo("13. September 2020");
    assertThat(text(utc.page("/news/" + english).one("time"))).isEqualTo("September 13, 2020");

    // The index tells each release's date in its own language.
    List<Element> times = desk.page("/").all("time");
    assertThat(times).extracting(ParsedPage::text).containsExactlyInAnyOrder("14. September 2020",
        "September 14, 2020");
    assertThat(times).allSatisfy(t -> assertThat(t.getAttribute("datetime")).isEqualTo(datetime));
  }

  @Test
  void anEmbargoToTheNanosecondIsAValidHtmlDateTime() {
    String id = desk.publish(seedWith(Map.of("publishAt", "2026-01-05T08:00:00.123456789+01:00")));
    assertThat(desk.page("/news/" + id).one("time").getAttribute("datetime")).isEqualTo("2026-01-05T07:00:00.123Z");
    assertThat(desk.page("/").one("time").getAttribute("datetime")).isEqualTo("2026-01-05T07:00:00.123Z");
  }

  // ---- point 4: what machines need -----------------------------------------------------------

  @Test
  void releasePageTellsMachinesLanguageCanonicalFeedsOpenGraphAndJsonLd() {
    String id = desk.publish(seed());
    JsonNode stored = desk.editorsView(id);
    String url = BASE + "/news/" + id;
    ParsedPage page = desk.page("/news/" + id);

    assertThat(page.lang()).isEqualTo("de");
    assertThat(page.canonical()).contains(url);
    assertThat(page.alternates()).containsExactly(
        Map.entry("application/rss+xml", BASE + "/feed.rss"),
        Map.entry("application/atom+xml", BASE + "/feed.atom"),
        Map.entry("application/feed+json", BASE + "/feed.json"));
    assertThat(page.title()).startsWith(stored.get("title").asText());
    String summary = stored.get("summary").asText();
    assertThat(page.metaName("description")).contains(summary);
    assertThat(page.metaName("robots")).as("a release page may be indexed").isEmpty();

    assertThat(page.property("og:title")).contains(stored.get("title").asText());
    assertThat(page.property("og:description")).contains(summary);
    assertThat(page.property("og:type")).contains("article");
    assertThat(page.property("og:url")).contains(url);
    assertThat(page.property("og:locale")).hasValueSatisfying(locale ->
        assertThat(locale).as("og:locale is language_TERRITORY or a language").matches("de(_[A-Z]{2})?"));
    assertThat(page.property("article:published_time")).hasValueSatisfying(time ->
        assertThat(Instant.parse(time)).isEqualTo(Instant.parse("2020-09-13T23:30:00Z")));
    assertThat(page.properties("article:tag")).containsExactlyElementsOf(SEED_TAGS);

    JsonNode ld = page.jsonLd().orElseThrow();
    assertThat(ld.path("@context").asText()).isEqualTo("https://schema.org");
    assertThat(ld.path("@type").asText()).isEqualTo("NewsArticle");
    assertThat(ld.path("headline").asText()).isEqualTo(stored.get("title").asText());
    assertThat(ld.path("alternativeHeadline").asText()).isEqualTo(SUBTITLE);
    assertThat(ld.path("description").asText()).isEqualTo(summary);
    assertThat(Instant.parse(ld.path("datePublished").asText())).isEqualTo(Instant.parse("2020-09-13T23:30:00Z"));
    assertThat(Instant.parse(ld.path("dateModified").asText()))
        .isEqualTo(Instant.parse(stored.get("updatedAt").asText()));
    assertThat(ld.path("inLanguage").asText()).isEqualTo("de");
    assertThat(ld.path("url").asText()).isEqualTo(url);
    assertThat(ld.path("publisher").path("@type").asText()).isEqualTo("Organization");
    assertThat(ld.path("publisher").path("name").asText()).isEqualTo("IT FOR WORK e.V.");
    assertThat(ld.path("publisher").path("url").asText()).isEqualTo("https://www.it-for-work.de");
    assertThat(ld.path("keywords").asText()).isEqualTo(String.join(", ", SEED_TAGS));
  }

  @Test
  void aLinkPreviewThatAcceptsAnythingGetsHtmlAtThePageAndJsonAtTheApi() {
    String id = desk.publish(seed());
    Response page = desk.get("/news/" + id, "Accept", "*/*");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(ParsedPage.of(page).property("og:title")).isPresent();
    Response api = desk.api("/releases/" + id, "Accept", "*/*");
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.headers().get("Content-Type")).startsWith("application/json");
    assertThat(FrontDesk.json(api).get("id").asText()).isEqualTo(id);
    // And a browser's Accept changes nothing at the API URL: no content negotiation.
    assertThat(desk.api("/releases/" + id, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .headers().get("Content-Type")).startsWith("application/json");
  }

  // ---- point 1: the newsroom -----------------------------------------------------------------

  @Test
  void indexListsVisibleReleasesNewestFirstWithLinksDatesDatelinesSummariesAndTags() {
    // A page of twenty, so that every release this test writes is on the first.
    FrontDesk twenty = desk.with(Map.of("TIME_ZONE", "Europe/Berlin"));
    String seed = desk.publish(seed());
    String first = desk.publish(release("Erste Mitteilung", "de", List.of("Förderung")));
    desk.publish(draft("Entwurf bleibt intern"));
    desk.publish(scheduled("Geplant für später", desk.clock.instant().plus(Duration.ofDays(1))));
    String retracted = desk.publish(release("Zurückgezogen", "de", List.of()));
    desk.retract(retracted);
    String second = desk.publish(release("Second release", "en", List.of("Smart City", "A & B")));

    ParsedPage page = twenty.page("/");
    assertThat(page.parseErrors()).isEmpty();
    List<Element> articles = page.all("article");
    assertThat(articles).extracting(a -> articleId(a))
        .as("visible releases, newest first").containsExactly(second, first, seed);

    Element newest = articles.get(0);
    assertThat(newest.getAttribute("lang")).isEqualTo("en");
    Element link = one(one(newest, "h2"), "a");
    assertThat(text(link)).isEqualTo("Second release");
    assertThat(link.getAttribute("href")).isEqualTo(BASE + "/news/" + second);
    JsonNode stored = desk.editorsView(second);
    Element time = one(newest, "time");
    assertThat(Instant.parse(time.getAttribute("datetime"))).isEqualTo(Instant.parse(stored.get("publishedAt").asText()));
    assertThat(text(time)).isEqualTo("January 5, 2026");
    assertThat(shown(one(newest, "p", withClass("meta")))).endsWith("· Ort Second release");
    assertThat(all(newest, "p").stream().map(ParsedPage::text)).contains("Zusammenfassung von Second release");
    List<Element> tags = all(one(newest, "ul", withClass("tags")), "a");
    assertThat(tags).extracting(ParsedPage::text).containsExactly("Smart City", "A & B");
    assertThat(tags).extracting(t -> ParsedPage.query(t.getAttribute("href")))
        .containsExactly(Map.of("tag", "Smart City"), Map.of("tag", "A & B"));

    Element oldest = articles.get(2);
    assertThat(text(one(oldest, "time"))).isEqualTo("14. September 2020");
    assertThat(shown(one(oldest, "p", withClass("meta")))).isEqualTo("14. September 2020 · Darmstadt");
    assertThat(all(oldest, "p").stream().map(ParsedPage::text))
        .contains("Die Digitalstadt Darmstadt gehört zu den 32 Modellprojekten Smart Cities 2020, "
            + "die mit über 350 Millionen Euro gefördert werden.");

    assertThat(page.raw()).doesNotContain("Entwurf bleibt intern", "Geplant für später", "Zurückgezogen");
    assertThat(page.canonical()).contains(BASE + "/");
    assertThat(page.alternates()).containsExactly(
        Map.entry("application/rss+xml", BASE + "/feed.rss"),
        Map.entry("application/atom+xml", BASE + "/feed.atom"),
        Map.entry("application/feed+json", BASE + "/feed.json"));
    assertThat(all(page.one("footer"), "a")).extracting(a -> a.getAttribute("href"))
        .containsExactly(BASE + "/feed.rss", BASE + "/feed.atom", BASE + "/feed.json");
    assertThat(page.property("og:type")).contains("website");
    assertThat(page.jsonLd()).isEmpty();
  }

  /** The release an index entry is about: where its heading links. */
  static String articleId(Element article) {
    return id(one(one(article, "h2"), "a"));
  }

  /** The release id a page link points at. */
  private static String id(Element link) {
    String href = link.getAttribute("href");
    assertThat(href).startsWith(BASE + "/news/");
    return href.substring((BASE + "/news/").length());
  }

  @Test
  void theIndexPagesThroughEveryVisibleReleaseByItsNextLinks() {
    List<String> published = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      published.add(0, desk.publish(release("Mitteilung " + i, i % 2 == 0 ? "de" : "en",
          List.of(i % 2 == 0 ? "Gerade" : "Ungerade"))));
    }
    List<String> seen = new ArrayList<>();
    String next = "/";
    int pages = 0;
    while (next != null) {
      ParsedPage page = desk.page(next);
      pages++;
      assertThat(page.parseErrors()).as(next).isEmpty();
      page.all("article").forEach(a -> seen.add(articleId(a)));
      List<String> inHead = page.links("next");
      List<Element> inBody = page.all("a", with("rel", "next"));
      if (inHead.isEmpty()) {
        assertThat(inBody).as("no next link in the body of the last page").isEmpty();
        next = null;
      } else {
        assertThat(inBody).hasSize(1);
        assertThat(inBody.get(0).getAttribute("href")).isEqualTo(inHead.get(0));
        assertThat(ParsedPage.query(inHead.get(0))).containsKey("cursor");
        next = inHead.get(0);
      }
      assertThat(pages).as("next links end").isLessThan(10);
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(published);

    // A filtered index pages within its filter, and keeps it in its next links.
    List<String> odd = new ArrayList<>();
    next = "/?tag=Ungerade";
    while (next != null) {
      ParsedPage page = desk.page(next);
      page.all("article").forEach(a -> odd.add(articleId(a)));
      next = page.links("next").stream().findFirst().orElse(null);
      if (next != null) {
        assertThat(ParsedPage.query(next)).containsEntry("tag", "Ungerade");
      }
    }
    assertThat(odd).containsExactly(published.get(0), published.get(2), published.get(4), published.get(6));
  }

  @Test
  void aFilteredIndexShowsOnlyItsReleasesAndLinksAndDiscoversItsFeeds() {
    String seed = desk.publish(seed());
    String news = desk.publish(release("English news", "en", List.of("Förderung")));
    desk.publish(release("Andere Nachricht", "de", List.of("Anderes")));

    ParsedPage tagged = desk.page("/?tag=F%C3%B6rderung");
    assertThat(tagged.parseErrors()).isEmpty();
    assertThat(tagged.all("article")).extracting(a -> articleId(a)).containsExactly(news, seed);
    assertThat(shown(tagged.one("p", withClass("filter")))).startsWith("Tag: Förderung");
    assertThat(tagged.title()).contains("Förderung");
    assertThat(tagged.canonical()).hasValueSatisfying(c -> assertThat(ParsedPage.query(c))
        .isEqualTo(Map.of("tag", "Förderung")));
    // Autodiscovery of the filtered feeds first, then of the whole newsroom's.
    List<Map.Entry<String, String>> feeds = tagged.alternates();
    assertThat(feeds).extracting(Map.Entry::getKey).containsExactly("application/rss+xml",
        "application/atom+xml", "application/feed+json", "application/rss+xml", "application/atom+xml",
        "application/feed+json");
    assertThat(feeds.subList(0, 3)).extracting(Map.Entry::getValue).allSatisfy(href ->
        assertThat(ParsedPage.query(href)).isEqualTo(Map.of("tag", "Förderung")));
    assertThat(feeds.subList(0, 3)).extracting(e -> ParsedPage.path(e.getValue()))
        .containsExactly("/feed.rss", "/feed.atom", "/feed.json");
    assertThat(feeds.subList(3, 6)).extracting(Map.Entry::getValue)
        .containsExactly(BASE + "/feed.rss", BASE + "/feed.atom", BASE + "/feed.json");
    assertThat(all(tagged.one("footer"), "a")).extracting(a -> a.getAttribute("href"))
        .containsExactlyElementsOf(feeds.subList(0, 3).stream().map(Map.Entry::getValue).toList());
    // Each filtered feed carries what the filtered page shows.
    for (Map.Entry<String, String> feed : feeds.subList(0, 3)) {
      Response answer = desk.feed(feed.getValue());
      assertThat(answer.status()).as(feed.getValue()).isEqualTo(200);
      assertThat(answer.bodyText()).contains("English news").doesNotContain("Andere Nachricht");
    }

    ParsedPage english = desk.page("/?lang=en");
    assertThat(english.all("article")).extracting(a -> articleId(a)).containsExactly(news);
    assertThat(english.alternates().subList(0, 3)).extracting(Map.Entry::getValue).allSatisfy(href ->
        assertThat(ParsedPage.query(href)).isEqualTo(Map.of("lang", "en")));

    ParsedPage both = desk.page("/?tag=F%C3%B6rderung&lang=de");
    assertThat(both.all("article")).extracting(a -> articleId(a)).containsExactly(seed);
    assertThat(both.alternates().subList(0, 3)).extracting(Map.Entry::getValue).allSatisfy(href ->
        assertThat(ParsedPage.query(href)).isEqualTo(Map.of("tag", "Förderung", "lang", "de")));

    // The tag links of a release page lead here.
    String href = desk.page("/news/" + seed).one("a", e -> text(e).equals("Förderung")).getAttribute("href");
    assertThat(desk.page(href).all("article")).extracting(a -> articleId(a)).containsExactly(news, seed);
    // A tag nothing carries is an empty newsroom, not an error.
    ParsedPage none = desk.page("/?tag=Nichts");
    assertThat(none.all("article")).isEmpty();
    assertThat(shown(none.one("main"))).contains("No press releases yet.");
  }

  // ---- point 5: the rules of every public read -----------------------------------------------

  /** What every page answer carries: no script at all, no sniffing, a short referrer. */
  static void assertSecured(Response response, String what) {
    Map<String, String> headers = response.headers();
    if (response.status() != 304) {
      assertThat(headers.get("Content-Type")).as(what).isEqualTo("text/html; charset=utf-8");
    }
    String policy = headers.get("Content-Security-Policy");
    assertThat(policy).as(what + " CSP").isNotNull();
    Map<String, String> directives = new LinkedHashMap<>();
    for (String directive : policy.split(";")) {
      String[] parts = directive.strip().split("\\s+", 2);
      directives.put(parts[0], parts.length > 1 ? parts[1] : "");
    }
    assertThat(directives.get("default-src")).as(what).isEqualTo("'none'");
    assertThat(directives).as(what + ": no script may run").doesNotContainKeys("script-src",
        "script-src-elem", "script-src-attr", "worker-src");
    assertThat(policy).as(what).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    assertThat(headers.get("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(headers.get("Referrer-Policy")).as(what).isNotBlank();
    if (response.status() != 304 && response.body().length > 0) {
      // The one inline stylesheet is allowed by its hash: a byte more and browsers drop it.
      ParsedPage page = ParsedPage.of(response);
      assertThat(page.all("style")).hasSize(1);
      assertThat(directives.get("style-src")).as(what + ": the stylesheet's hash")
          .isEqualTo("'" + sha256(text(page.one("style"))) + "'");
    }
  }

  private static String sha256(String text) {
    try {
      return "sha256-" + Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyPageAnswerCarriesTheSecurityHeadersA304Included() {
    String id = desk.publish(seed());
    String gone = desk.publish(release("Bald zurückgezogen", "de", List.of()));
    desk.retract(gone);

    Response index = desk.get("/");
    Response page = desk.get("/news/" + id);
    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("index", index);
    answers.put("filtered index", desk.get("/?tag=F%C3%B6rderung&lang=de"));
    answers.put("release page", page);
    answers.put("404", desk.get("/news/2026-01-01-unbekannt"));
    answers.put("410", desk.get("/news/" + gone));
    answers.put("304 index", desk.get("/", "If-None-Match", index.headers().get("ETag")));
    answers.put("304 release page", desk.get("/news/" + id, "If-None-Match", page.headers().get("ETag")));
    answers.put("HEAD release page", desk.head("/news/" + id));
    answers.put("HEAD 404", desk.head("/news/nichts"));
    assertThat(answers.values()).extracting(Response::status).containsExactly(200, 200, 200, 404, 410, 304,
        304, 200, 404);
    answers.forEach((what, answer) -> assertSecured(answer, what));
  }

  @Test
  void pagesAnswer304ToIfNoneMatchAndToIfModifiedSince() {
    String id = desk.publish(seed());
    for (String path : List.of("/", "/?tag=F%C3%B6rderung", "/?lang=de", "/news/" + id)) {
      Response first = desk.get(path);
      String etag = first.headers().get("ETag");
      String lastModified = first.headers().get("Last-Modified");
      assertThat(etag).as(path).matches("\"[^\"]+\"");
      assertThat(Conditional.parseHttpDate(lastModified, desk.clock.instant())).as(path).isPresent();
      assertThat(first.headers().get("Cache-Control")).as(path).isEqualTo("public, max-age=300");

      Response byTag = desk.get(path, "If-None-Match", etag);
      assertThat(byTag.status()).as(path).isEqualTo(304);
      assertThat(byTag.body()).isEmpty();
      assertThat(byTag.headers().get("ETag")).isEqualTo(etag);
      assertThat(byTag.headers().get("Last-Modified")).isEqualTo(lastModified);
      assertThat(desk.get(path, "If-None-Match", "W/" + etag + ", \"other\"").status()).as(path).isEqualTo(304);
      assertThat(desk.get(path, "If-Modified-Since", lastModified).status()).as(path).isEqualTo(304);
      assertThat(desk.get(path, "If-None-Match", "\"other\"").status()).as(path).isEqualTo(200);
      assertThat(desk.get(path, "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").status())
          .as(path).isEqualTo(200);
    }
    // A visible edit moves the release page's validators and the index's.
    Response before = desk.get("/news/" + id);
    Response indexBefore = desk.get("/");
    desk.revise(id, seedWith(Map.of("subtitle", "Neuer Untertitel")));
    Response after = desk.get("/news/" + id, "If-None-Match", before.headers().get("ETag"));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.headers().get("ETag")).isNotEqualTo(before.headers().get("ETag"));
    assertThat(text(ParsedPage.of(after).one("p", withClass("subtitle")))).isEqualTo("Neuer Untertitel");
    assertThat(desk.get("/news/" + id, "If-Modified-Since", before.headers().get("Last-Modified")).status())
        .isEqualTo(200);
    assertThat(desk.get("/", "If-None-Match", indexBefore.headers().get("ETag")).status()).isEqualTo(200);
  }

  @Test
  void a304OfAReleasePageReadsOnlyTheReleasesHead() {
    String id = desk.publish(seed());
    Response page = desk.get("/news/" + id);
    // The container's copy of the head (held since the write) has aged out: one small read.
    desk.clock.advance(CachingReleaseStore.STALENESS);
    desk.counted.forget();
    assertThat(desk.get("/news/" + id, "If-None-Match", page.headers().get("ETag")).status()).isEqualTo(304);
    assertThat(desk.counted.calls()).containsExactly("head");
    // Within the second after it: the container's copy, no read at all.
    desk.counted.forget();
    assertThat(desk.get("/news/" + id, "If-Modified-Since", page.headers().get("Last-Modified")).status())
        .isEqualTo(304);
    assertThat(desk.counted.calls()).isEmpty();
    desk.clock.advance(CachingReleaseStore.STALENESS);
    desk.counted.forget();
    assertThat(desk.get("/news/" + id, "If-Modified-Since", page.headers().get("Last-Modified")).status())
        .isEqualTo(304);
    assertThat(desk.counted.calls()).containsExactly("head");
    // A 200 reads the release once, and no list.
    desk.counted.forget();
    assertThat(desk.get("/news/" + id).status()).isEqualTo(200);
    assertThat(desk.counted.calls()).containsExactly("find");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    String id = desk.publish(seed());
    String gone = desk.publish(release("Weg", "de", List.of()));
    desk.retract(gone);
    for (String path : List.of("/", "/?tag=Smart%20City", "/news/" + id, "/news/unbekannt", "/news/" + gone)) {
      Response get = desk.get(path);
      Response head = desk.head(path);
      assertThat(head.status()).as(path).isEqualTo(get.status());
      assertThat(head.body()).as(path).isEmpty();
      Map<String, String> expected = new LinkedHashMap<>(get.headers());
      expected.put("Content-Length", Integer.toString(get.body().length));
      assertThat(head.headers()).as(path).isEqualTo(expected);
    }
  }

  @Test
  void anEmbargoedReleaseIsThe404PageUntilItsTimeThenItsPageAndInTheIndexWithoutAWrite() {
    desk.publish(seed());
    Instant end = desk.clock.instant().plus(Duration.ofSeconds(200));
    String embargoed = desk.publish(scheduled("Unter Sperrfrist", end));
    Response unknown = desk.get("/news/2026-01-05-unbekannt");
    Response early = desk.get("/news/" + embargoed);
    assertThat(early.status()).isEqualTo(404);
    assertThat(early.body()).isEqualTo(unknown.body());
    Response index = desk.get("/");
    assertThat(index.bodyText()).doesNotContain("Unter Sperrfrist");
    // Nothing public may be cached past the embargo's end (140 s away now): neither the index,
    // nor the 404 that will become the page.
    long left = Duration.between(desk.clock.instant(), end).toSeconds();
    assertThat(left).isEqualTo(140);
    for (Response capped : List.of(index, early, unknown, desk.get("/?tag=F%C3%B6rderung"))) {
      assertThat(capped.headers().get("Cache-Control")).isEqualTo("public, max-age=" + left);
    }

    desk.clock.set(end);
    desk.counted.forget();
    Response page = desk.get("/news/" + embargoed);
    assertThat(page.status()).isEqualTo(200);
    assertThat(text(ParsedPage.of(page).one("h1"))).isEqualTo("Unter Sperrfrist");
    Response after = desk.get("/", "If-None-Match", index.headers().get("ETag"));
    assertThat(after.status()).as("the index changed without a write").isEqualTo(200);
    assertThat(ParsedPage.of(after).all("article")).extracting(a -> articleId(a)).first().isEqualTo(embargoed);
    assertThat(after.headers().get("Last-Modified")).isEqualTo(Conditional.httpDate(end));
    assertThat(after.headers().get("Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(desk.get("/news/2026-01-05-unbekannt").headers().get("Cache-Control"))
        .isEqualTo("public, max-age=300");
    assertThat(desk.counted.writes()).as("reading wrote nothing").isEmpty();
  }

  @Test
  void aDraftAndAScheduledReleaseLeaveTheIndexsValidatorsAsTheyWere() {
    desk.publish(seed());
    Response index = desk.get("/");
    desk.publish(draft("Entwurf"));
    desk.publish(scheduled("Später", desk.clock.instant().plus(Duration.ofDays(2))));
    Response again = desk.get("/", "If-None-Match", index.headers().get("ETag"));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.headers().get("Last-Modified")).isEqualTo(index.headers().get("Last-Modified"));
  }

  @Test
  void unknownDraftEmbargoedAndMalformedIdsGetTheSame404Page() {
    desk.publish(seed());
    String draft = desk.publish(draft("Nur ein Entwurf"));
    String embargoed = desk.publish(scheduled("Noch gesperrt", desk.clock.instant().plus(Duration.ofDays(1))));
    String retractedDraft = desk.publish(draft("Verworfener Entwurf"));
    desk.retract(retractedDraft);

    List<String> paths = List.of("/news/2026-01-05-gibt-es-nicht", "/news/" + draft, "/news/" + embargoed,
        "/news/" + retractedDraft, "/news/%3Cscript%3E", "/news/<script>alert(1)<script>",
        "/news/" + "a".repeat(2_000), "/news/%00", "/news/..", "/news/" + draft.toUpperCase(java.util.Locale.ROOT));
    Response first = desk.get(paths.get(0));
    assertThat(first.status()).isEqualTo(404);
    for (String path : paths) {
      Response answer = desk.get(path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.bodyText()).as(path).isEqualTo(first.bodyText());
      assertThat(answer.headers()).as(path).isEqualTo(first.headers());
    }
    ParsedPage page = ParsedPage.of(first);
    assertThat(page.parseErrors()).isEmpty();
    assertThat(page.lang()).isEqualTo("en");
    assertThat(text(page.one("h1"))).isEqualTo("Page not found");
    assertThat(page.metaName("robots")).contains("noindex");
    assertThat(page.canonical()).isEmpty();
    assertThat(page.jsonLd()).isEmpty();
    assertThat(page.one("a", withClass("skip"))).isNotNull();
    assertThat(all(page.one("main"), "a")).extracting(a -> a.getAttribute("href")).containsExactly(BASE + "/");
    assertThat(first.bodyText()).doesNotContain("Nur ein Entwurf", "Noch gesperrt", "Verworfener Entwurf",
        "gibt-es-nicht");
    assertSecured(first, "404");
  }

  @Test
  void aRetractedReleaseThatWasPublicIsA410PageInItsLanguageWithNoneOfItsContent() {
    String id = desk.publish(seed());
    Instant retractedAt = desk.clock.instant();
    assertThat(desk.page("/news/" + id).raw()).contains(SEED_WORDS);
    desk.retract(id);

    Response gone = desk.get("/news/" + id);
    assertThat(gone.status()).isEqualTo(410);
    assertSecured(gone, "410");
    ParsedPage page = ParsedPage.of(gone);
    assertThat(page.parseErrors()).isEmpty();
    assertThat(page.lang()).isEqualTo("de");
    assertThat(text(page.one("h1"))).isEqualTo("Pressemitteilung zurückgezogen");
    assertThat(retractedAt).isEqualTo(START.plus(Duration.ofMinutes(1)));
    assertThat(shown(page.one("main"))).contains("Diese Pressemitteilung wurde am 5. Januar 2026 zurückgezogen.");
    assertThat(page.metaName("robots")).contains("noindex");
    assertThat(page.jsonLd()).isEmpty();
    assertThat(page.all("meta", e -> e.hasAttribute("property"))).isEmpty();
    assertThat(page.canonical()).isEmpty();
    for (String word : SEED_WORDS) {
      assertThat(gone.bodyText()).as("the 410 page shows nothing of the release").doesNotContain(word);
      assertThat(gone.bodyText().toLowerCase(java.util.Locale.ROOT)).doesNotContain(
          word.toLowerCase(java.util.Locale.ROOT));
    }
    assertThat(gone.bodyText()).doesNotContain(id);
    assertThat(desk.get("/").bodyText()).doesNotContain("Wissenschaftsstadt");
    assertThat(desk.head("/news/" + id).status()).isEqualTo(410);

    // An English release is withdrawn in English.
    String english = desk.publish(release("Withdrawn news", "en", List.of("Gone")));
    desk.clock.set(Instant.parse("2026-03-01T23:30:00Z"));
    desk.retract(english);
    ParsedPage withdrawn = ParsedPage.of(desk.get("/news/" + english));
    assertThat(withdrawn.lang()).isEqualTo("en");
    assertThat(text(withdrawn.one("h1"))).isEqualTo("Press release withdrawn");
    // 23:30 UTC is already the 2nd in Berlin.
    assertThat(shown(withdrawn.one("main"))).contains("This press release was withdrawn on March 2, 2026.");
    assertThat(withdrawn.raw()).doesNotContain("Withdrawn news", "Gone", "Zusammenfassung", "Ort ");
  }

  @Test
  void aWithdrawnReleaseInALanguageWithoutWordsIsWithdrawnInEnglishThroughout() {
    String id = desk.publish(seedWith(Map.of("language", "ar", "title", "إطلاق منتج جديد")));
    desk.retract(id);
    ParsedPage page = ParsedPage.of(desk.get("/news/" + id));
    // The page's lang names the language its words are in, and the date is in it too.
    assertThat(page.lang()).isEqualTo("en");
    assertThat(page.root().getAttribute("dir")).isIn("", "ltr");
    assertThat(shown(page.one("main"))).contains("This press release was withdrawn on January 5, 2026.");
  }

  @Test
  void openGraphLocaleIsLanguageAndTerritory() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("de", "de");
    expected.put("de-CH", "de_CH");
    expected.put("zh-Hant", "zh");
    expected.put("zh-Hant-TW", "zh_TW");
    expected.put("sr-Latn-RS", "sr_RS");
    expected.put("gsw", "gsw");
    expected.put("es-419", "es_419");
    expected.forEach((language, locale) -> {
      String id = desk.publish(seedWith(Map.of("language", language, "title", "Sprache " + language)));
      assertThat(desk.page("/news/" + id).property("og:locale")).as(language).contains(locale);
    });
  }

  @Test
  void theEmbargoCapAppliesToThe410PageToo() {
    String id = desk.publish(seed());
    desk.retract(id);
    Instant end = desk.clock.instant().plus(Duration.ofSeconds(150));
    desk.publish(scheduled("Bald", end));
    assertThat(desk.get("/news/" + id).headers().get("Cache-Control")).isEqualTo("public, max-age="
        + Duration.between(desk.clock.instant(), end).toSeconds());
  }
}
