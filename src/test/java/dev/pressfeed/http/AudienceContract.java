package dev.pressfeed.http;

import static dev.pressfeed.audience.Agents.FEEDBIN;
import static dev.pressfeed.audience.Agents.FEEDLY;
import static dev.pressfeed.audience.Agents.INOREADER;
import static dev.pressfeed.audience.Agents.NEWSBLUR;
import static dev.pressfeed.audience.Agents.OLD_READER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.audience.Report;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 through the routes, on each store: feed fetches whose agent reports subscribers are
 * recorded per feed and aggregator and answered by {@code GET /editor/audience}; recording
 * reads nothing, never delays or changes a feed response, and writes the same count at most
 * once an hour. Each store's test supplies a fresh, empty store per test.
 */
public abstract class AudienceContract {

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /**
   * The five agents exactly as SPEC §11 quotes them, through the feed and editor routers in
   * process: two hold "…", which no HTTP client sends as a header (not ISO-8859-1).
   */
  @Test
  void theFiveRealAgentsAreRecordedPerFeedAndAnsweredToEditors() throws Exception {
    Observed observed = new Observed(emptyStore());
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    Application app = new Application(Config.from(Map.of()), observed.store(), clock);
    Router feeds = app.feedRouter();
    Router editors = app.editorRouter();
    app.newsroom().create(dev.pressfeed.Fixtures.seedInput());
    Response rss = feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY)));
    assertThat(rss.status()).isEqualTo(200);
    // A tag in another case, a language with its region: the feed its canonical URL names.
    assertThat(feeds.handle(request("/feed.atom", Map.of("tag", "F\u00f6rderung", "utm_source", "x"),
        Map.of("user-agent", INOREADER))).status()).isEqualTo(200);
    assertThat(feeds.handle(request("/feed.rss", Map.of("if-none-match", rss.headers().get("ETag"),
        "user-agent", NEWSBLUR))).status()).isEqualTo(304);
    assertThat(feeds.handle(new Request("HEAD", "/feed.json", Map.of("lang", "de-DE"), Map.of("user-agent", FEEDBIN),
        new byte[0], Optional.empty(), BASE)).status()).isEqualTo(200);
    assertThat(feeds.handle(request("/feed.rss", Map.of("user-agent", OLD_READER))).status()).isEqualTo(200);
    await(() -> observed.records.size() == 5);

    Response answer = editors.handle(new Request("GET", "/editor/audience", Map.of(), Map.of(), new byte[0],
        Optional.of(new Request.Editor("editor")), BASE));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.headers().get("Content-Type")).startsWith("application/json");
    JsonNode json = ReleaseJson.JSON.readTree(answer.body());
    assertThat(json.get("total").asLong()).isEqualTo(16 + 42 + 5 + 7 + 3);
    List<String> feedList = new ArrayList<>();
    json.get("feeds").forEach(f -> feedList.add(f.get("feed").asText() + " " + f.get("subscribers").asLong()));
    assertThat(feedList).containsExactly("/feed.atom?tag=f%C3%B6rderung 42", "/feed.rss 24", "/feed.json?lang=de 7");
    JsonNode rssReaders = json.get("feeds").get(1).get("readers");
    List<String> readers = new ArrayList<>();
    rssReaders.forEach(r -> readers.add(r.get("name").asText() + " " + r.get("subscribers").asInt()));
    assertThat(readers).containsExactly("Feedly 16", "NewsBlur 5", "The Old Reader 3");
    assertThat(rssReaders.get(1).get("feedId").asText()).isEqualTo("1234");
    assertThat(rssReaders.get(0).has("feedId")).isFalse();
    assertThat(Instant.parse(rssReaders.get(0).get("reportedAt").asText())).isEqualTo(clock.instant());
    JsonNode feedbin = json.get("feeds").get(2).get("readers").get(0);
    assertThat(feedbin.get("name").asText()).isEqualTo("Feedbin");
    assertThat(feedbin.get("feedId").asText()).isEqualTo("1234");
    assertThat(json.get("feeds").get(0).get("readers").get(0).get("name").asText()).isEqualTo("Inoreader");

    // Seven days on, the reports have aged out: an editor sees none.
    clock.advance(Duration.ofDays(7).plusSeconds(1));
    JsonNode later = ReleaseJson.JSON.readTree(editors.handle(new Request("GET", "/editor/audience", Map.of(),
        Map.of(), new byte[0], Optional.of(new Request.Editor("editor")), BASE)).body());
    assertThat(later.get("total").asLong()).isZero();
    assertThat(later.get("feeds")).isEmpty();
  }

  /** End to end through the local gateway: HTTP, event JSON, handlers, and the editor's token. */
  @Test
  void aReportOverHttpReachesEditorsAndOnlyEditors() throws Exception {
    Observed observed = new Observed(emptyStore());
    try (RunningGateway api = new RunningGateway(observed.store())) {
      assertThat(api.get("/feed.rss", "User-Agent", FEEDLY).status()).isEqualTo(200);
      await(() -> observed.records.size() == 1);
      JsonNode json = api.editor("GET", "/editor/audience", null).json();
      assertThat(json.get("total").asLong()).isEqualTo(16);
      assertThat(json.get("feeds").get(0).get("readers").get(0).get("name").asText()).isEqualTo("Feedly");
      assertThat(api.get("/editor/audience").status()).isEqualTo(401);
      assertThat(api.get("/editor/audience", "Authorization", "Bearer not-the-token").status()).isEqualTo(401);
      assertThat(api.send("HEAD", "/editor/audience", null).status()).isEqualTo(401);
      assertThat(api.editor("HEAD", "/editor/audience", null).status()).isEqualTo(200);
      assertThat(api.get("/editor/audience").text()).doesNotContain("Feedly");
    }
  }

  @Test
  void theSameCountIsWrittenOnceAnHourAnotherAtOnceAndA304ReadsNothingForIt() throws Exception {
    Observed observed = new Observed(emptyStore());
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    Application app = new Application(Config.from(Map.of()), observed.store(), clock);
    Router feeds = app.feedRouter();
    feeds.handle(request("/feed.rss", Map.of()));
    String etag = feeds.handle(request("/feed.rss", Map.of())).headers().get("ETag");
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMinutes(2));
      observed.calls.clear();
      Response poll = feeds.handle(request("/feed.rss", Map.of("if-none-match", etag, "user-agent", FEEDLY)));
      assertThat(poll.status()).isEqualTo(304);
      // The 304 reads the feed state (a second old) and nothing for the audience.
      assertThat(observed.calls).as("poll " + i).contains("feedState").isSubsetOf("feedState", "audience");
    }
    await(() -> observed.records.size() == 1);
    Thread.sleep(100);
    assertThat(observed.records).as("twenty polls in 40 minutes, the same count").hasSize(1);
    assertThat(observed.readsOfTheBook).isEmpty();

    feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY.replace("16", "17"))));
    await(() -> observed.records.size() == 2);
    clock.advance(Duration.ofMinutes(30));
    feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY.replace("16", "17"))));
    Thread.sleep(100);
    assertThat(observed.records).as("the same count again within the hour").hasSize(2);
    clock.advance(Duration.ofMinutes(31));
    feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY.replace("16", "17"))));
    await(() -> observed.records.size() == 3);
    assertThat(observed.store().audience().since(clock.instant().minusSeconds(1), 10))
        .containsExactly(new Reading("/feed.rss", "Feedly", "", 17, clock.instant()));
  }

  @Test
  void hostileAgentsChangeNoFeedAnswerAndRecordNothingWrongOrUnbounded() throws Exception {
    Observed observed = new Observed(emptyStore());
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    Application app = new Application(Config.from(Map.of()), observed.store(), clock);
    Router feeds = app.feedRouter();
    app.newsroom().create(dev.pressfeed.Fixtures.seedInput());
    Response plain = feeds.handle(request("/feed.atom", Map.of()));
    String etag = plain.headers().get("ETag");
    List<String> hostile = List.of(
        "Bot/1 (99999999999999999999 subscribers)", "Bot/1 (-5 subscribers)", "Bot/1 (10000001 readers)",
        "Bot/1 (1e9 subscribers)", "Bot/1 (2.5 readers)", "Bot/1 (5 subscribers; 6 readers)",
        "Bot/1 (\u0665 subscribers)", "\u0000\u0001\r\n\u007f subscribers",
        "Bot/1 " + "1 ".repeat(5_000) + "subscribers", "9".repeat(10_000) + " subscribers",
        " ".repeat(10_000) + "5 subscribers", "reader".repeat(2_000));
    for (String agent : hostile) {
      Response full = feeds.handle(request("/feed.atom", Map.of("user-agent", agent)));
      assertThat(full.status()).isEqualTo(200);
      assertThat(full.body()).isEqualTo(plain.body());
      assertThat(full.headers()).isEqualTo(plain.headers());
      assertThat(feeds.handle(request("/feed.atom", Map.of("user-agent", agent, "if-none-match", etag))).status())
          .isEqualTo(304);
    }
    // A 10 000-character agent is read for its first characters, its name cut short; a made-up tag no release could carry is
    // no feed; a count for a page that does not exist is not recorded.
    feeds.handle(request("/feed.atom", Map.of("user-agent", "N".repeat(300) + "/1 (5 subscribers)" + "x".repeat(10_000))));
    feeds.handle(request("/feed.atom", Map.of("tag", "x".repeat(10_000)), Map.of("user-agent", "Bot/1 (6 subscribers)")));
    feeds.handle(request("/feed.atom", Map.of("cursor", "nonsense"), Map.of("user-agent", "Bot/1 (7 subscribers)")));
    await(() -> observed.records.size() == 1);
    Thread.sleep(100);
    assertThat(observed.store().audience().since(clock.instant().minusSeconds(1), 10)).singleElement()
        .satisfies(r -> {
          assertThat(r.reader()).isEqualTo("N".repeat(Report.MAX_NAME));
          assertThat(r.subscribers()).isEqualTo(5);
          assertThat(r.feed()).isEqualTo("/feed.atom");
        });
  }

  @Test
  void aStoreThatHangsOrFailsDelaysAndChangesNoFeedResponse() throws Exception {
    Observed observed = new Observed(emptyStore());
    observed.gate = new CountDownLatch(1);
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    Application app = new Application(Config.from(Map.of()), observed.store(), clock);
    Router feeds = app.feedRouter();
    Response plain = feeds.handle(request("/feed.rss", Map.of()));
    try {
      long slowest = 0;
      // Far more distinct reports than the queue holds: the writer hangs on the first.
      for (int i = 0; i < 1_000; i++) {
        long start = System.nanoTime();
        Response answer = feeds.handle(request("/feed.rss", Map.of("user-agent", "Bot" + i + "/1 (" + i + " readers)")));
        slowest = Math.max(slowest, System.nanoTime() - start);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(plain.body());
      }
      assertThat(Duration.ofNanos(slowest)).as("the slowest feed answer").isLessThan(Duration.ofMillis(500));
    } finally {
      observed.gate.countDown();
    }
    // What the queue held is written once the store answers; the rest was dropped, not queued.
    int written = -1;
    while (written != observed.records.size()) {
      written = observed.records.size();
      Thread.sleep(500);
    }
    assertThat(written).isBetween(2, 1 + 256 + 1);
    // A store that fails: the feed answers all the same, and the next report tries again.
    observed.failing = true;
    Response failed = feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY)));
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.body()).isEqualTo(plain.body());
    await(() -> observed.failures.get() == 1);
    Thread.sleep(200); // the writer forgets the failed report as it returns
    observed.failing = false;
    feeds.handle(request("/feed.rss", Map.of("user-agent", FEEDLY)));
    await(() -> observed.records.stream().anyMatch(r -> r.contains("Feedly")));
  }

  // --- helpers --------------------------------------------------------------------------

  static final String BASE = "https://news.example.org";

  static Request request(String path, Map<String, String> headers) {
    return request(path, Map.of(), headers);
  }

  static Request request(String path, Map<String, String> query, Map<String, String> headers) {
    return new Request("GET", path, query, headers, new byte[0], Optional.empty(), BASE);
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(10);
    }
  }

  /**
   * The store, with every port call written down by name, and its audience book's writes
   * ({@code records}) and reads; a write may wait on {@code gate} or fail.
   */
  static final class Observed {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> records = new CopyOnWriteArrayList<>();
    final List<String> readsOfTheBook = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    volatile CountDownLatch gate;
    volatile boolean failing;
    private final ReleaseStore store;

    Observed(ReleaseStore real) {
      AudienceBook book = new AudienceBook() {
        @Override
        public boolean record(String feed, Report report, Instant at) {
          CountDownLatch waitFor = gate;
          if (waitFor != null) {
            try {
              waitFor.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (failing) {
            failures.incrementAndGet();
            throw new IllegalStateException("the audience store is down");
          }
          boolean written = real.audience().record(feed, report, at);
          records.add(feed + " " + report);
          return written;
        }

        @Override
        public List<Reading> since(Instant since, int limit) {
          readsOfTheBook.add("since");
          return real.audience().since(since, limit);
        }
      };
      this.store = (ReleaseStore) Proxy.newProxyInstance(ReleaseStore.class.getClassLoader(),
          new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
              return method.invoke(real, args);
            }
            calls.add(method.getName());
            if (method.getName().equals("audience")) {
              return book;
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    ReleaseStore store() {
      return store;
    }
  }
}
