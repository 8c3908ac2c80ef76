package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.feed.XssVectors;
import dev.pressfeed.feed.Xml;
import dev.pressfeed.http.HostileRelease;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code GET /sitemap.xml} and {@code GET /robots.txt} at the router, over a real store: what
 * they list, when the list changes, the validators, parts past the limits, and hostile input.
 * Each store's test supplies a fresh, empty store per test. Sitemaps are read with the tests'
 * secure XML parser ({@link Xml}), never compared as strings.
 */
abstract class SitemapContract {

  static final String BASE = "https://presse.example";
  static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
  /** A publication name XML must escape. */
  static final String PUBLICATION = "Presse <Stelle> & \"Söhne\" ]]> 'Darmstadt'";
  static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
  static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
  static final ObjectMapper JSON = new ObjectMapper();

  protected final TestClock clock = new TestClock(START);
  protected ReleaseStore store;
  protected Application application;
  private Router editor;
  private Router api;
  private Router pages;
  protected Router sitemaps;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Closes what {@link #emptyStore} opened. */
  protected abstract void closeStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = emptyStore();
    application = new Application(Config.from(Map.of("FEED_TITLE", PUBLICATION)), store, clock);
    editor = application.editorRouter();
    api = application.publicRouter();
    pages = application.pagesRouter();
    sitemaps = sitemapApi(SitemapApi.MAX_URLS, SitemapApi.MAX_BYTES);
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  Router sitemapApi(int maxUrls, int maxBytes) {
    return new SitemapApi(application.newsroom(), application.config().feedTitle(),
        application.config().feedMaxAge(), maxUrls, maxBytes).addTo(new Router());
  }

  // --- what it lists ----------------------------------------------------------------------

  @Test
  void theSitemapListsTheNewsroomAndEveryVisibleReleaseOldestFirstWithItsLastChange() {
    String old = post(Map.of("title", "Alte Meldung", "publishAt", "2025-01-15T08:00:00Z"));
    String edited = post(Map.of("title", "Wird geändert", "publishAt", "2025-06-01T08:00:00Z"));
    String draft = post(Map.of("title", "Entwurf", "status", "draft", "publishAt", "2025-02-01T08:00:00Z"));
    String scheduled = post(Map.of("title", "Sperrfrist", "publishAt", START.plus(Duration.ofDays(3)).toString()));
    String withdrawn = post(Map.of("title", "Zurückgezogen", "publishAt", "2025-03-01T08:00:00Z"));
    String withdrawnDraft = post(Map.of("title", "Zurückgezogener Entwurf", "status", "draft"));
    String recent = post(Map.ofEntries(Map.entry("title", "Neu"), Map.entry("publishAt", START.minus(Duration.ofHours(3)).toString())));
    clock.advance(Duration.ofMinutes(5));
    retract(withdrawn);
    retract(withdrawnDraft);
    clock.advance(Duration.ofMinutes(5));
    put(edited, Map.of("title", "Geändert", "publishAt", "2025-06-01T08:00:00Z"));

    Response response = get("/sitemap.xml");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "application/xml; charset=utf-8");
    Element urlset = xml(response);
    assertThat(urlset.getNamespaceURI()).isEqualTo(SITEMAP);
    assertThat(urlset.getLocalName()).isEqualTo("urlset");
    List<Element> urls = children(urlset, SITEMAP, "url");
    assertThat(urls).extracting(u -> text(u, SITEMAP, "loc")).containsExactly(BASE + "/",
        BASE + "/news/" + old, BASE + "/news/" + edited, BASE + "/news/" + recent);
    for (Element url : urls.subList(1, urls.size())) {
      String loc = text(url, SITEMAP, "loc");
      assertThat(URI.create(loc).isAbsolute()).as(loc).isTrue();
      String id = loc.substring((BASE + "/news/").length());
      Response shown = api.handle(request("GET", "/releases/" + id, Map.of(), Map.of()));
      assertThat(shown.status()).as("GET /releases/" + id).isEqualTo(200);
      assertThat(pages.handle(request("GET", "/news/" + id, Map.of(), Map.of())).status())
          .as("GET /news/" + id).isEqualTo(200);
      Release release = store.find(id).orElseThrow();
      assertThat(text(url, SITEMAP, "lastmod")).isEqualTo(w3c(release.updatedAt()))
          .isEqualTo(w3c(Instant.parse(json(shown).get("updatedAt").asText())));
    }
    assertThat(text(urls.get(2), SITEMAP, "lastmod")).isEqualTo(w3c(clock.instant()));
    assertThat(text(urls.get(0), SITEMAP, "lastmod")).as("the newsroom changed with the last edit")
        .isEqualTo(w3c(clock.instant()));
    assertThat(response.bodyText()).doesNotContain(draft, scheduled, withdrawn, withdrawnDraft);
  }

  @Test
  void anEmbargoedReleaseAppearsOnceItsTimeHasCome() {
    post(Map.of("title", "Schon da", "publishAt", START.minus(Duration.ofDays(5)).toString()));
    Instant embargo = START.plus(Duration.ofMinutes(90));
    String scheduled = post(Map.of("title", "Sperrfrist bis halb elf", "publishAt", embargo.toString()));

    Response before = get("/sitemap.xml");
    assertThat(locs(xml(before))).noneMatch(loc -> loc.contains(scheduled));
    assertThat(maxAge(before)).as("cached no longer than the embargo lasts")
        .isLessThanOrEqualTo((int) Duration.between(clock.instant(), embargo).toSeconds());

    clock.set(embargo.minusMillis(1));
    assertThat(get("/sitemap.xml").bodyText()).doesNotContain(scheduled);
    clock.set(embargo);
    Response after = get("/sitemap.xml");
    Element url = urlOf(xml(after), scheduled);
    assertThat(text(url, SITEMAP, "lastmod")).isEqualTo(w3c(store.find(scheduled).orElseThrow().updatedAt()));
    assertThat(news(url)).isPresent();
    assertThat(after.headers().get("ETag")).isNotEqualTo(before.headers().get("ETag"));
    assertThat(after.headers().get("Last-Modified")).isEqualTo("Thu, 26 Nov 2026 10:30:00 GMT");
  }

  @Test
  void googleNewsEntriesNameTheReleasesOfTheLastTwoDays() {
    String threeDays = post(Map.of("title", "Vor drei Tagen", "publishAt", START.minus(Duration.ofDays(3)).toString()));
    Instant leaves = START.plus(Duration.ofHours(1));
    String twoDays = post(Map.of("title", "Vor 47 Stunden", "language", "de-DE",
        "publishAt", leaves.minus(SitemapApi.NEWS_WINDOW).toString()));
    String hour = post(Map.of("title", "Vor einer Stunde", "language", "en-GB",
        "publishAt", START.minus(Duration.ofHours(1)).toString()));

    Response response = get("/sitemap.xml");
    Element urlset = xml(response);
    assertThat(news(urlOf(urlset, threeDays))).isEmpty();
    Element entry = news(urlOf(urlset, twoDays)).orElseThrow();
    Element publication = child(entry, NEWS, "publication");
    assertThat(text(publication, NEWS, "name")).isEqualTo(PUBLICATION);
    assertThat(text(publication, NEWS, "language")).isEqualTo("de");
    assertThat(text(entry, NEWS, "publication_date")).isEqualTo(w3c(leaves.minus(SitemapApi.NEWS_WINDOW)));
    assertThat(text(entry, NEWS, "title")).isEqualTo("Vor 47 Stunden");
    Element recent = news(urlOf(urlset, hour)).orElseThrow();
    assertThat(text(child(recent, NEWS, "publication"), NEWS, "language")).isEqualTo("en");
    assertThat(text(recent, NEWS, "title")).isEqualTo("Vor einer Stunde");
    assertThat(maxAge(response)).as("cached no longer than until the next entry leaves the window")
        .isLessThanOrEqualTo(3600);

    // Two days after its publication an entry leaves, although nothing was written.
    clock.set(leaves);
    Response later = get("/sitemap.xml");
    assertThat(news(urlOf(xml(later), twoDays))).isEmpty();
    assertThat(news(urlOf(xml(later), hour))).isPresent();
    assertThat(later.headers().get("ETag")).isNotEqualTo(response.headers().get("ETag"));
    assertThat(later.headers().get("Last-Modified")).isEqualTo("Thu, 26 Nov 2026 10:00:00 GMT");
    assertThat(get("/sitemap.xml", Map.of(), Map.of("if-none-match", response.headers().get("ETag"))).status())
        .as("an old copy is not current").isEqualTo(200);
    assertThat(get("/sitemap.xml", Map.of(), Map.of("if-modified-since", response.headers().get("Last-Modified")))
        .status()).isEqualTo(200);
  }

  @Test
  void conditionalRequestsAreAnswered304AndValidatorsMoveOnlyWithWhatTheSitemapShows() {
    String first = post(Map.of("title", "Erste", "publishAt", START.minus(Duration.ofDays(10)).toString()));
    clock.advance(Duration.ofMinutes(1));
    Response response = get("/sitemap.xml");
    String etag = response.headers().get("ETag");
    String lastModified = response.headers().get("Last-Modified");
    assertThat(etag).startsWith("\"");
    assertThat(response.headers()).containsEntry("Cache-Control", "public, max-age=300")
        .containsEntry("X-Content-Type-Options", "nosniff");

    Response notModified = get("/sitemap.xml", Map.of(), Map.of("if-none-match", etag));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers()).containsEntry("ETag", etag).containsEntry("Last-Modified", lastModified);
    assertThat(get("/sitemap.xml", Map.of(), Map.of("if-modified-since", lastModified)).status()).isEqualTo(304);

    // Editors at work on drafts and embargoes: the sitemap shows nothing new.
    post(Map.of("title", "Entwurf", "status", "draft"));
    post(Map.of("title", "Geplant", "publishAt", START.plus(Duration.ofDays(1)).toString()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(get("/sitemap.xml", Map.of(), Map.of("if-none-match", etag)).status()).isEqualTo(304);
    assertThat(get("/sitemap.xml").headers()).containsEntry("ETag", etag).containsEntry("Last-Modified", lastModified);

    put(first, Map.of("title", "Erste, geändert", "publishAt", START.minus(Duration.ofDays(10)).toString()));
    Response edited = get("/sitemap.xml", Map.of(), Map.of("if-none-match", etag));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.headers().get("ETag")).isNotEqualTo(etag);
    assertThat(text(urlOf(xml(edited), first), SITEMAP, "lastmod")).isEqualTo(w3c(clock.instant()));

    Response head = sitemaps.handle(request("HEAD", "/sitemap.xml", Map.of(), Map.of()));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers()).containsEntry("ETag", edited.headers().get("ETag"))
        .containsEntry("Content-Length", Integer.toString(edited.body().length));
  }

  @Test
  void a304InAContainerThatNeverReadTheArchiveReadsTheFeedStateOnlyAndTheNewsWindowMovesOnTheHour() {
    post(Map.of("title", "Aktuell", "publishAt", START.minus(Duration.ofMinutes(30)).toString()));
    clock.advance(Duration.ofMinutes(1));
    Response first = get("/sitemap.xml");
    String etag = first.headers().get("ETag");
    assertThat(first.headers().get("Cache-Control")).isEqualTo("public, max-age=300");

    // Another container: nothing read yet. SPEC §5: a conditional 304 costs one small read.
    CountingStore counting = new CountingStore(store);
    Router other = new Application(Config.from(Map.of("FEED_TITLE", PUBLICATION)), counting.store(), clock)
        .pagesRouter();
    Request poll = request("GET", "/sitemap.xml", Map.of(), Map.of("if-none-match", etag));
    assertThat(other.handle(poll).status()).isEqualTo(304);
    assertThat(counting.calls()).containsExactly("feedState");

    // The window's edge moves on the hour only: the validators with it, max-age never past it.
    Instant hour = START.plus(Duration.ofHours(1));
    clock.advance(Duration.between(clock.instant(), hour.minusSeconds(100)));
    Response late = other.handle(request("GET", "/sitemap.xml", Map.of(), Map.of()));
    assertThat(late.headers()).containsEntry("ETag", etag).containsEntry("Cache-Control", "public, max-age=100");
    clock.advance(Duration.ofSeconds(101));
    assertThat(other.handle(poll).status()).isEqualTo(200);
  }

  // --- parts ------------------------------------------------------------------------------

  @Test
  void pastTheLimitTheSitemapIsAnIndexWhosePartsHoldEveryUrlExactlyOnce() {
    sitemaps = sitemapApi(5, SitemapApi.MAX_BYTES);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(post(Map.of("title", "Meldung " + i, "publishAt", START.minus(Duration.ofDays(30 - i)).toString())));
    }
    List<String> expected = new ArrayList<>(List.of(BASE + "/"));
    ids.forEach(id -> expected.add(BASE + "/news/" + id));

    Response index = get("/sitemap.xml");
    assertThat(index.status()).isEqualTo(200);
    Element root = xml(index);
    assertThat(root.getLocalName()).isEqualTo("sitemapindex");
    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP);
    List<Element> parts = children(root, SITEMAP, "sitemap");
    assertThat(parts).extracting(p -> text(p, SITEMAP, "loc")).containsExactly(
        BASE + "/sitemap.xml?part=1", BASE + "/sitemap.xml?part=2", BASE + "/sitemap.xml?part=3");
    List<String> listed = new ArrayList<>();
    List<List<String>> before = new ArrayList<>();
    for (Element part : parts) {
      Response answer = part(text(part, SITEMAP, "loc"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).containsKey("ETag").containsEntry("Content-Type", SitemapApi.XML);
      Element urlset = xml(answer);
      assertThat(urlset.getLocalName()).isEqualTo("urlset");
      List<String> locs = locs(urlset);
      assertThat(locs).hasSizeLessThanOrEqualTo(5);
      listed.addAll(locs);
      before.add(locs);
      // A part's lastmod is the latest of its urls'.
      assertThat(text(part, SITEMAP, "lastmod")).isEqualTo(children(urlset, SITEMAP, "url").stream()
          .map(u -> text(u, SITEMAP, "lastmod")).max(String::compareTo).orElseThrow());
    }
    assertThat(listed).containsExactlyElementsOf(expected);
    assertThat(get("/sitemap.xml", Map.of("part", "4"), Map.of()).status()).isEqualTo(404);

    // A new release joins the last part; the parts before it stay as they were.
    String newest = post(Map.of("title", "Neueste", "publishAt", START.minus(Duration.ofDays(1)).toString()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(locs(xml(get("/sitemap.xml", Map.of("part", "1"), Map.of())))).isEqualTo(before.get(0));
    assertThat(locs(xml(get("/sitemap.xml", Map.of("part", "2"), Map.of())))).isEqualTo(before.get(1));
    assertThat(locs(xml(get("/sitemap.xml", Map.of("part", "3"), Map.of()))))
        .endsWith(BASE + "/news/" + newest).hasSize(before.get(2).size() + 1);
  }

  @Test
  void partsAreCutToTheByteLimitToo() {
    int maxBytes = 1_500;
    sitemaps = sitemapApi(SitemapApi.MAX_URLS, maxBytes);
    for (int i = 0; i < 15; i++) {
      // Some recent, with news entries (larger urls), some old.
      Instant at = i % 2 == 0 ? START.minus(Duration.ofDays(40 - i)) : START.minus(Duration.ofHours(30 - i));
      post(Map.of("title", "Meldung " + i + " " + "ü".repeat(i * 5), "publishAt", at.toString()));
    }
    List<Element> parts = children(xml(get("/sitemap.xml")), SITEMAP, "sitemap");
    assertThat(parts).hasSizeGreaterThan(2);
    List<String> listed = new ArrayList<>();
    for (Element part : parts) {
      Response answer = part(text(part, SITEMAP, "loc"));
      assertThat(answer.body().length).isLessThanOrEqualTo(maxBytes);
      listed.addAll(locs(xml(answer)));
    }
    assertThat(listed).hasSize(16).doesNotHaveDuplicates().first().isEqualTo(BASE + "/");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(
        locs(xml(sitemapApi(SitemapApi.MAX_URLS, SitemapApi.MAX_BYTES).handle(
            request("GET", "/sitemap.xml", Map.of(), Map.of())))));
  }

  @Test
  void aSitemapThatFitsOneFileIsAlsoItsOwnFirstPart() {
    post(Map.of("title", "Eine", "publishAt", START.minus(Duration.ofDays(3)).toString()));
    Response whole = get("/sitemap.xml");
    Response first = get("/sitemap.xml", Map.of("part", "1"), Map.of());
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(whole.body());
    assertThat(get("/sitemap.xml", Map.of("part", "01"), Map.of()).body()).isEqualTo(whole.body());
    assertThat(get("/sitemap.xml", Map.of("part", "2"), Map.of()).status()).isEqualTo(404);
  }

  @Test
  void anEmptyNewsroomListsItsFrontPageOnly() {
    post(Map.of("title", "Entwurf", "status", "draft"));
    Response response = get("/sitemap.xml");
    assertThat(response.status()).isEqualTo(200);
    assertThat(locs(xml(response))).containsExactly(BASE + "/");
  }

  // --- hostile input ----------------------------------------------------------------------

  @Test
  void partValuesThatAreNoPartAreProblemsNeverFailures() {
    post(Map.of("title", "Eine", "publishAt", START.minus(Duration.ofDays(3)).toString()));
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String junk : List.of("", " ", "abc", "-1", "0", "00", "+1", " 1", "1 ", "1.0", "1e3", "0x1",
        "1,2", "1;2", "١", "¹", "%31", "1\u0000", "２", "-99999999999999999999", "NaN", "null", "[1]")) {
      expected.put(junk, 400);
    }
    for (String beyond : List.of("2", "2147483647", "2147483648", "99999999999999999999",
        "9".repeat(5000), "000000000000000000002")) {
      expected.put(beyond, 404);
    }
    expected.forEach((value, status) -> {
      for (String method : List.of("GET", "HEAD")) {
        Response response = sitemaps.handle(request(method, "/sitemap.xml", Map.of("part", value), Map.of()));
        assertThat(response.status()).as(method + " part=" + value).isEqualTo(status);
        assertThat(response.headers()).as("part=" + value)
            .containsEntry("Content-Type", "application/problem+json");
        if (method.equals("GET")) {
          JsonNode problem = json(response);
          assertThat(problem.get("status").asInt()).isEqualTo(status);
          assertThat(response.bodyText()).doesNotContain("Exception").doesNotContain("dev.pressfeed");
        }
      }
    });
    // A validator a client makes up does not turn a problem into a 304 or a 500.
    assertThat(get("/sitemap.xml", Map.of("part", "x"), Map.of("if-none-match", "*")).status()).isEqualTo(400);
  }

  @Test
  void hostileTitlesAndLanguagesKeepTheSitemapWellFormedAndArriveAsTheyWereStored() {
    List<String> ids = new ArrayList<>();
    List<String> titles = new ArrayList<>(XssVectors.ALL);
    titles.addAll(List.of("Zeile\r\nzwei\rdrei\nvier", "]]><![CDATA[x]]>", "&amp;&lt;&#0;&#x0B;",
        "\u202Eevil\u202C \u200F\u061C", "😀👩‍👩‍👧🇩🇪\uDBFF\uDFFD", "\uFEFFBOM", "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;", "\u2028\u2029\u0085x"));
    for (String title : titles) {
      Response created = create(RunningGateway.seedWith(Map.of("title", title.length() > 300 ? title.substring(0, 300) : title,
          "publishAt", START.minus(Duration.ofHours(1)).toString())));
      if (created.status() == 201) {
        ids.add(json(created).get("id").asText());
      } else {
        assertThat(created.status()).as(title).isEqualTo(422);
      }
    }
    for (long seed = 1; seed <= 60; seed++) {
      HostileRelease.Attempt attempt = HostileRelease.draw(seed);
      Response created = create(new String(attempt.json(), StandardCharsets.UTF_8));
      if (attempt.expected() == HostileRelease.Expected.ACCEPTED) {
        assertThat(created.status()).as("HostileRelease.draw(" + seed + ")").isEqualTo(201);
        ids.add(json(created).get("id").asText());
      }
    }
    assertThat(ids).hasSizeGreaterThan(titles.size() / 2 + 20);

    Response response = get("/sitemap.xml");
    assertThat(response.status()).isEqualTo(200);
    Element urlset = xml(response);
    Map<String, Element> byId = new HashMap<>();
    for (Element url : children(urlset, SITEMAP, "url")) {
      byId.put(text(url, SITEMAP, "loc").substring(BASE.length()), url);
    }
    for (String id : ids) {
      Release release = store.find(id).orElseThrow();
      Element url = byId.get("/news/" + id);
      assertThat(url).as(id).isNotNull();
      Element entry = news(url).orElseThrow();
      assertThat(text(entry, NEWS, "title")).as(id).isEqualTo(release.input().title());
      assertThat(text(child(entry, NEWS, "publication"), NEWS, "name")).isEqualTo(PUBLICATION);
      String language = text(child(entry, NEWS, "publication"), NEWS, "language");
      assertThat(release.input().language().toLowerCase()).startsWith(language);
      assertThat(language).matches("[a-z]{2,8}");
    }
  }

  // --- robots.txt ---------------------------------------------------------------------------

  @Test
  void robotsTxtAllowsEverythingAndNamesTheSitemap() {
    post(Map.of("title", "Eine", "publishAt", START.minus(Duration.ofDays(3)).toString()));
    Response robots = get("/robots.txt");

    assertThat(robots.status()).isEqualTo(200);
    assertThat(robots.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8")
        .containsEntry("Cache-Control", "public, max-age=300").containsKeys("ETag", "Last-Modified");
    List<String> lines = robots.bodyText().lines().map(String::strip).toList();
    assertThat(lines).contains("User-agent: *", "Allow: /", "Sitemap: " + BASE + "/sitemap.xml");
    assertThat(lines).noneMatch(l -> l.toLowerCase().startsWith("disallow:") && l.length() > "disallow:".length());
    assertThat(get(lines.stream().filter(l -> l.startsWith("Sitemap: ")).findFirst().orElseThrow()
        .substring(("Sitemap: " + BASE).length())).status()).isEqualTo(200);

    Response again = get("/robots.txt", Map.of(), Map.of("if-none-match", robots.headers().get("ETag")));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/robots.txt", Map.of(), Map.of("if-modified-since", robots.headers().get("Last-Modified")))
        .status()).isEqualTo(304);
    // It shows no release: a new one leaves it (and its validators) as it was.
    post(Map.of("title", "Noch eine", "publishAt", START.minus(Duration.ofDays(2)).toString()));
    assertThat(get("/robots.txt", Map.of(), Map.of("if-none-match", robots.headers().get("ETag"))).status())
        .isEqualTo(304);
    Response head = sitemaps.handle(request("HEAD", "/robots.txt", Map.of(), Map.of()));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers()).containsEntry("ETag", robots.headers().get("ETag"));
  }

  // --- helpers ------------------------------------------------------------------------------

  /** {@code POST /releases} of the seed with {@code changes}; the id. The clock moves a second. */
  String post(Map<String, Object> changes) {
    Map<String, Object> all = new HashMap<>(changes);
    all.putIfAbsent("publishAt", null);
    Response response = create(RunningGateway.seedWith(all));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    return json(response).get("id").asText();
  }

  Response create(String body) {
    Response response = editor.handle(new Request("POST", "/releases", Map.of(),
        Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8),
        Optional.of(new Request.Editor("sitemap-test")), BASE));
    clock.advance(Duration.ofSeconds(1));
    return response;
  }

  void put(String id, Map<String, Object> changes) {
    Map<String, Object> all = new HashMap<>(changes);
    all.putIfAbsent("publishAt", null);
    Response response = editor.handle(new Request("PUT", "/releases/" + id, Map.of(),
        Map.of("content-type", "application/json", "if-match", etag(id)),
        RunningGateway.seedWith(all).getBytes(StandardCharsets.UTF_8),
        Optional.of(new Request.Editor("sitemap-test")), BASE));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
  }

  void retract(String id) {
    Response response = editor.handle(new Request("DELETE", "/releases/" + id, Map.of(),
        Map.of("if-match", etag(id)), null, Optional.of(new Request.Editor("sitemap-test")), BASE));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(204);
  }

  private String etag(String id) {
    return editor.handle(new Request("GET", "/editor/releases/" + id, Map.of(), Map.of(), null,
        Optional.of(new Request.Editor("sitemap-test")), BASE)).headers().get("ETag");
  }

  static Request request(String method, String path, Map<String, String> query, Map<String, String> headers) {
    return new Request(method, path, query, headers, null, Optional.empty(), BASE);
  }

  Response get(String path) {
    return get(path, Map.of(), Map.of());
  }

  Response get(String path, Map<String, String> query, Map<String, String> headers) {
    return sitemaps.handle(request("GET", path, query, headers));
  }

  /** A part named in an index, requested as a client would (the query decoded). */
  Response part(String loc) {
    URI uri = URI.create(loc);
    assertThat(loc).startsWith(BASE + "/sitemap.xml?part=");
    String[] pair = uri.getQuery().split("=");
    return get(uri.getPath(), Map.of(pair[0], pair[1]), Map.of());
  }

  static Element xml(Response response) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    Element root = Xml.parse(response.bodyText());
    assertShape(root);
    return root;
  }

  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int maxAge(Response response) {
    String cacheControl = response.headers().get("Cache-Control");
    return Integer.parseInt(cacheControl.substring(cacheControl.indexOf("max-age=") + 8));
  }

  static String w3c(Instant time) {
    return time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  static List<String> locs(Element urlset) {
    return children(urlset, SITEMAP, "url").stream().map(u -> text(u, SITEMAP, "loc")).toList();
  }

  static Element urlOf(Element urlset, String id) {
    List<Element> found = children(urlset, SITEMAP, "url").stream()
        .filter(u -> text(u, SITEMAP, "loc").equals(BASE + "/news/" + id)).toList();
    assertThat(found).as(id).hasSize(1);
    return found.get(0);
  }

  static Optional<Element> news(Element url) {
    List<Element> found = children(url, NEWS, "news");
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.stream().findFirst();
  }

  static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * The shape both schemas give: a urlset of urls, each {@code loc}, perhaps {@code lastmod},
   * perhaps one {@code news:news} of publication (name, language), publication_date and title;
   * or a sitemapindex of sitemaps, each {@code loc} and perhaps {@code lastmod}. Nothing else.
   */
  static void assertShape(Element root) {
    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP);
    String item = switch (root.getLocalName()) {
      case "urlset" -> "url";
      case "sitemapindex" -> "sitemap";
      default -> throw new AssertionError("root <" + root.getTagName() + ">");
    };
    assertThat(names(root)).allMatch(("{" + SITEMAP + "}" + item)::equals);
    for (Element entry : children(root, SITEMAP, item)) {
      List<String> names = names(entry);
      assertThat(names).as(entry.getTextContent()).isSubsetOf("{" + SITEMAP + "}loc",
          "{" + SITEMAP + "}lastmod", "{" + NEWS + "}news");
      assertThat(names.get(0)).isEqualTo("{" + SITEMAP + "}loc");
      assertThat(names).doesNotHaveDuplicates();
      assertThat(URI.create(text(entry, SITEMAP, "loc")).isAbsolute()).isTrue();
      if (names.contains("{" + SITEMAP + "}lastmod")) {
        assertThat(text(entry, SITEMAP, "lastmod")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      }
      for (Element news : children(entry, NEWS, "news")) {
        assertThat(item).isEqualTo("url");
        assertThat(names(news)).containsExactly("{" + NEWS + "}publication",
            "{" + NEWS + "}publication_date", "{" + NEWS + "}title");
        assertThat(names(child(news, NEWS, "publication")))
            .containsExactly("{" + NEWS + "}name", "{" + NEWS + "}language");
        assertThat(text(news, NEWS, "publication_date"))
            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      }
    }
  }

  private static List<String> names(Element parent) {
    List<String> names = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        names.add("{" + e.getNamespaceURI() + "}" + e.getLocalName());
      } else {
        assertThat(n.getNodeType()).as("only elements in <" + parent.getTagName() + ">")
            .isIn(Node.TEXT_NODE);
        assertThat(n.getTextContent()).isBlank();
      }
    }
    return names;
  }

  static Element child(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
        found.add(e);
      }
    }
    assertThat(found).as("<" + name + "> in <" + parent.getTagName() + ">").hasSize(1);
    return found.get(0);
  }

  static String text(Element parent, String namespace, String name) {
    return child(parent, namespace, name).getTextContent();
  }
}
