package dev.pressfeed.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.local.LocalGateway;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10's pings, end to end on the local gateway: editor requests over HTTP, the notifier's
 * own thread, a stand-in hub on loopback that records every POST. One subclass per store.
 */
public abstract class PushContract {

  /** How long a test waits for a POST that must come: rounds run every second. */
  static final Duration COMES = Duration.ofSeconds(10);
  /** How long a test watches for a POST that must not come: more than one round. */
  static final long QUIET_MILLIS = 1_600;

  /** A new, empty store; what must go when the test ends is given to {@link #afterwards}. */
  protected abstract ReleaseStore emptyStore();

  /**
   * Closed when the test ends, in reverse order: a store made before its gateway is closed
   * after it, so no notifier round meets a closed store.
   */
  protected void afterwards(AutoCloseable closeable) {
    open.add(closeable);
  }

  private final List<AutoCloseable> open = new ArrayList<>();
  private StandInHub hub;
  private ReleaseStore store;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private RunningGateway gateway(String hubUrl) throws Exception {
    store = emptyStore();
    RunningGateway gateway = new RunningGateway(store,
        hubUrl == null ? Map.of() : Map.of("WEBSUB_HUB_URL", hubUrl));
    open.add(gateway);
    if (hubUrl != null) {
      // The first round sets the watermark: embargo ends count from then on.
      await(() -> store.outbox().watermark().isPresent(), "the first notifier round");
    }
    return gateway;
  }

  private RunningGateway gatewayWithHub() throws Exception {
    hub = StandInHub.start();
    open.add(hub);
    return gateway(hub.url());
  }

  /** Every feed of the seed release (tags Smart City, Digitalstadt Darmstadt, Förderung; de). */
  static List<String> seedTopics(String base) {
    List<String> topics = new ArrayList<>();
    for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
      topics.add(base + path);
      topics.add(base + path + "?tag=smart%20city");
      topics.add(base + path + "?tag=digitalstadt%20darmstadt");
      topics.add(base + path + "?tag=f%C3%B6rderung");
      topics.add(base + path + "?lang=de");
    }
    return topics;
  }

  private static String id(RunningGateway.Reply reply) {
    String location = reply.header("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The ping of a write is due a second after it (every container's feeds show it by then). */
  private static void afterTheWrite(RunningGateway gateway) {
    gateway.clock.advance(Pings.SETTLE);
  }

  @Test
  void publishingSendsOnePostNamingEveryFeedOfTheRelease() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    assertThat(gateway.post(RunningGateway.seedJson()).status()).isEqualTo(201);
    afterTheWrite(gateway);
    StandInHub.Post post = hub.awaitPosts(1, COMES).get(0);
    assertThat(post.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(post.mode()).isEqualTo("publish");
    assertThat(post.urls()).containsExactlyInAnyOrderElementsOf(seedTopics(gateway.base()));
    StandInHub.pause(QUIET_MILLIS);
    assertThat(hub.posts()).hasSize(1);
    assertThat(store.outbox().next()).isEmpty();
  }

  @Test
  void anEditOfAVisibleReleaseIsPinged() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    String id = id(gateway.post(RunningGateway.seedJson()));
    afterTheWrite(gateway);
    hub.awaitPosts(1, COMES);
    assertThat(gateway.editor("PUT", "/releases/" + id,
        RunningGateway.seedWith(Map.of("title", "Darmstadt gewinnt")), "If-Match", "\"v1\"",
        "Content-Type", "application/json").status()).isEqualTo(200);
    afterTheWrite(gateway);
    assertThat(hub.awaitPosts(2, COMES).get(1).urls())
        .containsExactlyInAnyOrderElementsOf(seedTopics(gateway.base()));
  }

  @Test
  void anEditThatDropsATagPingsTheDroppedTagsFeedsToo() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    String id = id(gateway.post(RunningGateway.seedJson()));
    afterTheWrite(gateway);
    hub.awaitPosts(1, COMES);
    gateway.editor("PUT", "/releases/" + id,
        RunningGateway.seedWith(Map.of("tags", List.of("Energie"), "language", "en")),
        "If-Match", "\"v1\"", "Content-Type", "application/json");
    afterTheWrite(gateway);
    List<String> urls = hub.awaitPosts(2, COMES).get(1).urls();
    String base = gateway.base();
    assertThat(urls).containsAll(seedTopics(base))
        .contains(base + "/feed.atom?tag=energie", base + "/feed.json?lang=en", base + "/feed.rss?lang=en")
        .hasSize(15 + 6);
  }

  @Test
  void retractingAPublicReleaseIsPinged() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    String id = id(gateway.post(RunningGateway.seedJson()));
    afterTheWrite(gateway);
    hub.awaitPosts(1, COMES);
    assertThat(gateway.editor("DELETE", "/releases/" + id, null, "If-Match", "\"v1\"").status())
        .isEqualTo(204);
    afterTheWrite(gateway);
    assertThat(hub.awaitPosts(2, COMES).get(1).urls())
        .containsExactlyInAnyOrderElementsOf(seedTopics(gateway.base()));
  }

  @Test
  void draftsTheirEditsScheduledReleasesBeforeTheirTimeAndRetractedDraftsAreNeverPinged()
      throws Exception {
    RunningGateway gateway = gatewayWithHub();
    String draft = id(gateway.post(RunningGateway.seedWith(Map.of("status", "draft", "title", "Entwurf"))));
    gateway.editor("PUT", "/releases/" + draft,
        RunningGateway.seedWith(Map.of("status", "draft", "title", "Entwurf zwei")),
        "If-Match", "\"v1\"", "Content-Type", "application/json");
    gateway.editor("DELETE", "/releases/" + draft, null, "If-Match", "\"v2\"");
    Instant later = gateway.clock.instant().plus(Duration.ofHours(1));
    assertThat(gateway.post(RunningGateway.seedWith(Map.of("title", "Später",
        "publishAt", later.toString()))).status()).isEqualTo(201);
    // Past any hold, well before the embargo ends.
    gateway.clock.advance(Pings.HOLD.plusSeconds(5));
    StandInHub.pause(QUIET_MILLIS);
    assertThat(hub.posts()).isEmpty();
    assertThat(store.outbox().next()).isEmpty();
  }

  @Test
  void anEmbargoThatEndsIsPingedWithNobodyWriting() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    Instant ends = gateway.clock.instant().plusSeconds(30);
    gateway.post(RunningGateway.seedWith(Map.of("publishAt", ends.toString(), "tags", List.of("Energie"))));
    gateway.clock.advance(Duration.ofSeconds(29));
    StandInHub.pause(QUIET_MILLIS);
    assertThat(hub.posts()).isEmpty();
    gateway.clock.set(ends.plus(Notifier.SETTLING));
    List<String> urls = hub.awaitPosts(1, COMES).get(0).urls();
    String base = gateway.base();
    assertThat(urls).containsExactlyInAnyOrder(
        base + "/feed.rss", base + "/feed.atom", base + "/feed.json",
        base + "/feed.rss?tag=energie", base + "/feed.atom?tag=energie", base + "/feed.json?tag=energie",
        base + "/feed.rss?lang=de", base + "/feed.atom?lang=de", base + "/feed.json?lang=de");
    // Pinged once: the watermark moved past it.
    gateway.clock.advance(Duration.ofSeconds(5));
    StandInHub.pause(QUIET_MILLIS);
    assertThat(hub.posts()).hasSize(1);
  }

  @Test
  void anEmbargoEndReachesTheHubWithinSecondsOnTheRealClock() throws Exception {
    hub = StandInHub.start();
    open.add(hub);
    store = emptyStore();
    Application application = new Application(Config.from(Map.of("WEBSUB_HUB_URL", hub.url())),
        store, Clock.systemUTC());
    LocalGateway gateway = new LocalGateway(application, RunningGateway.TOKEN,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LocalGateway.Limits.LAPTOP,
        new PrintStream(OutputStream.nullOutputStream()));
    gateway.start();
    open.add(gateway);
    await(() -> store.outbox().watermark().isPresent(), "the first notifier round");
    Instant ends = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/releases"))
        .header("Authorization", "Bearer " + RunningGateway.TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            RunningGateway.seedWith(Map.of("publishAt", ends.toString())), StandardCharsets.UTF_8))
        .build();
    assertThat(HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(201);
    StandInHub.Post post = hub.awaitPosts(1, COMES).get(0);
    long delayMillis = Duration.between(ends, Instant.now()).toMillis()
        - Duration.ofNanos(System.nanoTime() - post.receivedNanos()).toMillis();
    System.out.printf("%s: embargo end to the hub's POST on the local gateway: %d ms%n",
        getClass().getSimpleName(), delayMillis);
    assertThat(delayMillis).isBetween(0L, 5_000L);
    assertThat(post.urls()).containsExactlyInAnyOrderElementsOf(seedTopics("http://127.0.0.1:" + gateway.port()));
  }

  @Test
  void withoutAHubNothingIsQueuedOrSent() throws Exception {
    hub = StandInHub.start();
    open.add(hub);
    RunningGateway gateway = gateway(null);
    String id = id(gateway.post(RunningGateway.seedJson()));
    gateway.editor("DELETE", "/releases/" + id, null, "If-Match", "\"v1\"");
    gateway.clock.advance(Pings.HOLD.plusSeconds(5));
    StandInHub.pause(QUIET_MILLIS);
    assertThat(hub.posts()).isEmpty();
    assertThat(store.outbox().next()).isEmpty();
    assertThat(store.outbox().watermark()).isEmpty();
  }

  @Test
  void aHubThatFailsOnceGetsThePingAgainWithinSeconds() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    hub.answer(500);
    gateway.post(RunningGateway.seedJson());
    afterTheWrite(gateway);
    hub.awaitPosts(1, COMES);
    await(() -> attempts() == 1, "the failed send recorded");
    gateway.clock.advance(Notifier.BACKOFF.get(0));
    List<StandInHub.Post> posts = hub.awaitPosts(2, COMES);
    assertThat(posts.get(1).urls()).isEqualTo(posts.get(0).urls());
    await(() -> store.outbox().next().isEmpty(), "the delivered ping removed");
  }

  @Test
  void aHubThatIsDownNeitherDelaysNorFailsTheEditorAndThePingWaitsForRetry() throws Exception {
    RunningGateway gateway = gateway(StandInHub.nowhere());
    long started = System.nanoTime();
    assertThat(gateway.post(RunningGateway.seedJson()).status()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    afterTheWrite(gateway);
    await(() -> attempts() == 1, "the failed send recorded");
    Ping waiting = store.outbox().due(gateway.clock.instant().plus(Duration.ofDays(1)), 10).get(0);
    assertThat(waiting.due()).isEqualTo(gateway.clock.instant().plus(Notifier.BACKOFF.get(0)));
  }

  @Test
  void aHubThatHangsNeitherDelaysTheEditorNorHoldsThePingForever() throws Exception {
    RunningGateway gateway = gatewayWithHub();
    hub.freeze();
    long started = System.nanoTime();
    assertThat(gateway.post(RunningGateway.seedJson()).status()).isEqualTo(201);
    long editorMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    afterTheWrite(gateway);
    hub.awaitPosts(1, COMES);
    // A second editor write while the notifier waits on the hung hub.
    started = System.nanoTime();
    assertThat(gateway.post(RunningGateway.seedWith(Map.of("title", "Noch eine"))).status()).isEqualTo(201);
    long secondMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.printf("%s: editor POSTs with the hub hung: %d ms, %d ms%n", getClass().getSimpleName(),
        editorMillis, secondMillis);
    assertThat(editorMillis).isLessThan(1_000);
    assertThat(secondMillis).isLessThan(1_000);
    long hung = System.nanoTime();
    await(() -> attempts() >= 1, "the hung send given up");
    long gaveUpMillis = Duration.ofNanos(System.nanoTime() - hung).toMillis();
    assertThat(gaveUpMillis).isLessThan(Hub.SEND_TIME.toMillis() + 2_000);
    hub.thaw();
    gateway.clock.advance(Notifier.BACKOFF.get(1));
    await(() -> store.outbox().next().isEmpty(), "both pings delivered after the hub recovered");
    assertThat(hub.posts().size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aPingIsDroppedWithALogLineWhenTheHubFailsForMoreThanAnHour() {
    hub = StandInHub.start();
    open.add(hub);
    store = emptyStore();
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    Instant start = clock.instant();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Notifier notifier = new Notifier(store, store.outbox(), new Hub(hub.url()), "https://press.example",
        clock, Notifier.BACKOFF, new PrintStream(log, true, StandardCharsets.UTF_8));
    int sends = Notifier.BACKOFF.size() + 1;
    for (int i = 0; i < sends; i++) {
      hub.answer(503);
    }
    store.outbox().enqueue(new Ping("lost", List.of("/feed.rss"), clock.instant(), 0));
    for (int round = 0; round < sends; round++) {
      assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isZero();
      if (round < Notifier.BACKOFF.size()) {
        clock.advance(Notifier.BACKOFF.get(round));
      }
    }
    assertThat(hub.posts()).hasSize(sends)
        .allSatisfy(p -> assertThat(p.urls()).containsExactly("https://press.example/feed.rss"));
    assertThat(Duration.between(start, clock.instant())).isGreaterThan(Duration.ofHours(1));
    assertThat(store.outbox().next()).isEmpty();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("ping lost dropped after " + sends + " failed sends").contains("HTTP 503");
  }

  /** A notifier behind a stand-in CloudFront, on a clock that stands still unless moved. */
  private Notifier behindTheCdn(StandInCloudFront cdn, TestClock clock, Duration keeps, ByteArrayOutputStream log) {
    return new Notifier(store, store.outbox(), new Hub(hub.url()), cdn.edge("E2QWRUHAPOMQZL", keeps),
        "https://press.example", clock, Notifier.BACKOFF, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private StandInCloudFront cdnAndHub(TestClock clock) {
    hub = StandInHub.start();
    open.add(hub);
    store = emptyStore();
    StandInCloudFront cdn = StandInCloudFront.start(clock);
    open.add(cdn);
    return cdn;
  }

  private Ping queued() {
    return store.outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 10).get(0);
  }

  @Test
  void behindTheCdnTheHubIsToldOnlyOnceTheFeedsArePurgedAtTheEdge() {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    StandInCloudFront cdn = cdnAndHub(clock);
    cdn.inProgressFor(1);
    Notifier notifier = behindTheCdn(cdn, clock, Duration.ofSeconds(300), new ByteArrayOutputStream());
    store.outbox().enqueue(new Ping("p1", List.of("/feed.rss", "/feed.atom?tag=energie"), clock.instant(), 0));

    // First round: one invalidation of every feed, its id kept on the ping; no POST yet.
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isZero();
    assertThat(cdn.calls()).hasSize(1);
    StandInCloudFront.Call create = cdn.creates().get(0);
    assertThat(create.distribution()).isEqualTo("E2QWRUHAPOMQZL");
    assertThat(create.quantity()).isEqualTo(1);
    assertThat(create.paths()).containsExactly("/feed.*");
    assertThat(create.callerReference()).isEqualTo("p1#0");
    // Signed for CloudFront (scope us-east-1 on the real endpoint: CloudFrontEdgeCacheTest).
    assertThat(create.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
        .contains("/cloudfront/aws4_request");
    assertThat(hub.posts()).isEmpty();
    assertThat(queued().invalidation()).contains("I1STANDIN");
    assertThat(queued().due()).isEqualTo(clock.instant().plus(Notifier.PURGE_POLL));

    // Not due before the poll; then one look: still in progress, still no POST.
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isZero();
    assertThat(cdn.calls()).hasSize(1);
    clock.advance(Notifier.PURGE_POLL);
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isZero();
    assertThat(cdn.calls()).extracting(StandInCloudFront.Call::method).containsExactly("POST", "GET");
    assertThat(hub.posts()).isEmpty();

    // Completed: the POST goes, after the look that saw it, and the ping is gone.
    clock.advance(Notifier.PURGE_POLL);
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isEqualTo(1);
    List<StandInCloudFront.Call> calls = cdn.calls();
    assertThat(calls).extracting(StandInCloudFront.Call::method).containsExactly("POST", "GET", "GET");
    assertThat(calls.get(2).invalidation()).isEqualTo("I1STANDIN");
    assertThat(hub.posts()).hasSize(1);
    assertThat(hub.posts().get(0).receivedNanos()).isGreaterThan(calls.get(2).receivedNanos());
    assertThat(hub.posts().get(0).urls())
        .containsExactly("https://press.example/feed.rss", "https://press.example/feed.atom?tag=energie");
    assertThat(store.outbox().next()).isEmpty();
    assertThat(cdn.creates()).hasSize(1);
  }

  @Test
  void aCdnThatFailsCountsAsAFailedSendAndIsAskedAgainAfterTheBackoff() {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    StandInCloudFront cdn = cdnAndHub(clock);
    cdn.inProgressFor(0);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Notifier notifier = behindTheCdn(cdn, clock, Duration.ofSeconds(300), log);
    store.outbox().enqueue(new Ping("p2", List.of("/feed.rss"), clock.instant(), 0));
    // Both of the SDK's attempts fail: a 500, then throttling.
    cdn.fail(500, 400);
    Notifier.Round first = notifier.round(Duration.ofSeconds(30), false);
    assertThat(first.failed()).isEqualTo(1);
    assertThat(cdn.creates()).hasSize(2).allSatisfy(c -> assertThat(c.callerReference()).isEqualTo("p2#0"));
    assertThat(hub.posts()).isEmpty();
    assertThat(queued().attempt()).isEqualTo(1);
    assertThat(queued().invalidation()).isEmpty();
    assertThat(queued().due()).isEqualTo(clock.instant().plus(Notifier.BACKOFF.get(0)));
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("ping p2").contains("purging the CDN");

    // One failure the SDK's own retry hides, then the invalidation starts under the next reference.
    clock.advance(Notifier.BACKOFF.get(0));
    cdn.fail(500);
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isZero();
    assertThat(cdn.creates()).extracting(StandInCloudFront.Call::callerReference)
        .containsExactly("p2#0", "p2#0", "p2#1", "p2#1");
    assertThat(hub.posts()).isEmpty();

    // A failed look counts too, and keeps the invalidation: the next look asks about the same one.
    clock.advance(Notifier.PURGE_POLL);
    cdn.fail(500, 500);
    assertThat(notifier.round(Duration.ofSeconds(30), false).failed()).isEqualTo(1);
    assertThat(queued().attempt()).isEqualTo(2);
    assertThat(queued().invalidation()).contains("I1STANDIN");
    clock.advance(Notifier.BACKOFF.get(1));
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isEqualTo(1);
    assertThat(cdn.creates()).hasSize(4);
    assertThat(hub.posts()).hasSize(1);
    assertThat(store.outbox().next()).isEmpty();
  }

  @Test
  void aPingIsSentWithoutThePurgeOnceTheEdgesOwnCopiesHaveExpired() {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
    StandInCloudFront cdn = cdnAndHub(clock);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    // An edge that keeps feeds 5 s: after the failures of 2 s and 5 s, its old copies are gone.
    Notifier notifier = behindTheCdn(cdn, clock, Duration.ofSeconds(5), log);
    store.outbox().enqueue(new Ping("p3", List.of("/feed.rss"), clock.instant(), 0));
    cdn.fail(500, 500, 500, 500, 500, 500);
    notifier.round(Duration.ofSeconds(30), false);
    clock.advance(Notifier.BACKOFF.get(0));
    notifier.round(Duration.ofSeconds(30), false);
    assertThat(hub.posts()).isEmpty();
    clock.advance(Notifier.BACKOFF.get(1));
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isEqualTo(1);
    assertThat(hub.posts()).hasSize(1);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("ping p3 sent without purging the CDN");

    // An invalidation in progress for longer than the edge keeps a feed: sent all the same.
    cdn.inProgressFor(1_000);
    store.outbox().enqueue(new Ping("p4", List.of("/feed.json"), clock.instant(), 0));
    notifier.round(Duration.ofSeconds(30), false);
    clock.advance(Notifier.PURGE_POLL);
    assertThat(notifier.round(Duration.ofSeconds(30), false).sent()).isEqualTo(1);
    assertThat(hub.posts()).hasSize(2);
    assertThat(store.outbox().next()).isEmpty();
  }

  /** The most failed sends of any queued ping; -1 when none is queued. */
  private int attempts() {
    return store.outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 10).stream()
        .mapToInt(Ping::attempt).max().orElse(-1);
  }

  static void await(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + COMES.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + COMES + ": " + what);
      }
      StandInHub.pause(20);
    }
  }
}
