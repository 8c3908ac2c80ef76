package dev.pressfeed.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseStore;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the container's copy of the feed state and of release heads ({@link CachingReleaseStore})
 * promises, over each real store: polls within {@link CachingReleaseStore#STALENESS} read
 * nothing, an editor's write through the same application shows in the next poll, another
 * container's write within the staleness, an embargo ends on its second, and no copy ever makes
 * a write fail or lose a change. Each store's test supplies an empty store and a second store
 * over the same data: the other container.
 */
public abstract class CachingReleaseStoreContract {

  protected static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
  private static final String BASE = "https://presse.example.org";
  private static final Duration STALENESS = CachingReleaseStore.STALENESS;

  protected final TestClock clock = new TestClock(START);
  /** Calls this container's application made of its store, by port method. */
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private ReleaseStore first;
  private ReleaseStore second;
  private Container here;
  private Container there;

  /** A new store holding nothing. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Another store object over the data of {@code store}, as another container has. */
  protected abstract ReleaseStore sameData(ReleaseStore store) throws Exception;

  @BeforeEach
  void openContainers() throws Exception {
    first = emptyStore();
    second = sameData(first);
    here = new Container(counted(first));
    there = new Container(second);
  }

  // --- polls -------------------------------------------------------------------------------

  @Test
  void pollsWithinASecondReadTheFeedStateNotAtAllAndThenOncePerSecond() {
    String id = here.publish(Map.of("title", "Erste Meldung"));
    Response full = here.get("/feed.atom");
    assertThat(full.status()).isEqualTo(200);
    assertThat(titles(full)).containsExactlyInAnyOrder("Erste Meldung");
    forget();

    // Held since the write: no poll reads it, conditional or not, whatever the route.
    for (int i = 0; i < 25; i++) {
      for (String feed : List.of("/feed.rss", "/feed.atom", "/feed.json", "/releases", "/")) {
        Response fresh = here.get(feed);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(here.get(feed, "if-none-match", fresh.headers().get("ETag")).status()).isEqualTo(304);
      }
    }
    assertThat(reads("feedState")).isZero();

    clock.advance(STALENESS);
    assertThat(here.get("/feed.atom", "if-none-match", full.headers().get("ETag")).status()).isEqualTo(304);
    assertThat(reads("feedState")).isEqualTo(1);
    clock.advance(STALENESS.minusMillis(1));
    for (int i = 0; i < 50; i++) {
      assertThat(here.get("/feed.atom", "if-none-match", full.headers().get("ETag")).status()).isEqualTo(304);
    }
    assertThat(reads("feedState")).as("a copy younger than a second").isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(here.get("/feed.atom").status()).isEqualTo(200);
    assertThat(reads("feedState")).as("a copy a second old is read again").isEqualTo(2);
    assertThat(id).isNotBlank();
  }

  @Test
  void anEditorsWriteShowsInTheNextPollThroughTheSameApplication() {
    String first = here.publish(Map.of("title", "Erste Meldung"));
    Response before = here.get("/feed.atom");
    forget();

    String second = here.publish(Map.of("title", "Zweite Meldung"));
    Response afterPost = here.get("/feed.atom", "if-none-match", before.headers().get("ETag"));
    assertThat(afterPost.status()).isEqualTo(200);
    assertThat(afterPost.headers().get("ETag")).isNotEqualTo(before.headers().get("ETag"));
    assertThat(titles(afterPost)).containsExactlyInAnyOrder("Zweite Meldung", "Erste Meldung");

    here.revise(first, Map.of("title", "Erste Meldung, berichtigt"));
    Response afterPut = here.get("/feed.atom", "if-none-match", afterPost.headers().get("ETag"));
    assertThat(afterPut.status()).isEqualTo(200);
    assertThat(titles(afterPut)).containsExactlyInAnyOrder("Zweite Meldung", "Erste Meldung, berichtigt");

    here.retract(second);
    Response afterDelete = here.get("/feed.atom", "if-none-match", afterPut.headers().get("ETag"));
    assertThat(afterDelete.status()).isEqualTo(200);
    assertThat(titles(afterDelete)).containsExactlyInAnyOrder("Erste Meldung, berichtigt");
    assertThat(here.get("/releases", "if-none-match", "\"stale\"").status()).isEqualTo(200);

    // The clock never moved: every poll answered from the copy each write left.
    assertThat(reads("feedState")).isZero();
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void anotherContainersWriteShowsWithinTheStaleness() {
    here.publish(Map.of("title", "Erste Meldung"));
    Response before = here.get("/feed.atom");

    there.publish(Map.of("title", "Aus dem anderen Container"));
    // Within the second, this container may still answer from its copy ...
    assertThat(here.get("/feed.atom", "if-none-match", before.headers().get("ETag")).status()).isEqualTo(304);
    // ... but no longer.
    clock.advance(STALENESS);
    Response after = here.get("/feed.atom", "if-none-match", before.headers().get("ETag"));
    assertThat(after.status()).isEqualTo(200);
    assertThat(titles(after)).containsExactlyInAnyOrder("Aus dem anderen Container", "Erste Meldung");
    assertThat(after.headers().get("ETag")).isEqualTo(there.get("/feed.atom").headers().get("ETag"));
  }

  @Test
  void aStaleCopyNeverMakesAWriteFailOrLoseAnotherContainersChange() {
    here.publish(Map.of("title", "Erste Meldung"));
    Response before = here.get("/feed.atom");
    there.publish(Map.of("title", "Von drüben"));

    // This container's copy is stale now; its editor's write must build on the stored state.
    here.publish(Map.of("title", "Von hier"));
    Response now = here.get("/feed.atom", "if-none-match", before.headers().get("ETag"));
    assertThat(titles(now)).containsExactlyInAnyOrder("Von hier", "Von drüben", "Erste Meldung");
    clock.advance(STALENESS);
    assertThat(there.get("/feed.atom").headers().get("ETag")).isEqualTo(here.get("/feed.atom").headers().get("ETag"));
    assertThat(titles(there.get("/feed.atom"))).containsExactlyInAnyOrder("Von hier", "Von drüben", "Erste Meldung");
  }

  @Test
  void aWriteBuildsOnTheStoredStateNotOnTheCopy() {
    here.get("/feed.atom"); // this container's copy: no embargo
    Instant end = START.plus(Duration.ofMinutes(2));
    String id = there.publish(Map.of("title", "Geplant", "publishAt", end.toString()));
    assertThat(there.get("/feed.atom").headers().get("Cache-Control")).isEqualTo("public, max-age=120");

    // Within the second, this container's editor makes it a draft: the embargo end another
    // container recorded must go, although this container's copy never held it.
    Map<String, Object> draft = new HashMap<>();
    draft.put("status", "draft");
    draft.put("publishAt", null);
    here.revise(id, draft);
    clock.advance(STALENESS);
    assertThat(second.feedState().nextEmbargoEnd(clock.instant())).isEmpty();
    assertThat(here.get("/feed.atom").headers().get("Cache-Control")).isEqualTo("public, max-age=300");
  }

  @Test
  void aConditionalWriteThatLostDropsTheCopySoTheNextReadAsksTheStore() {
    CachingReleaseStore copy = new CachingReleaseStore(counted(first), clock);
    FeedState held = copy.feedState();
    FeedState theirs = second.latestFeedState();
    assertThat(second.replaceFeedState(theirs.changed(clock.instant()).successorOf(theirs), theirs.revision())).isTrue();
    forget();

    assertThat(copy.feedState()).as("within the second").isEqualTo(held);
    assertThat(copy.replaceFeedState(held.changed(clock.instant()).successorOf(held), held.revision())).isFalse();
    assertThat(copy.feedState()).isEqualTo(second.feedState());
    assertThat(copy.feedState().revision()).isEqualTo(held.revision() + 1);
    assertThat(reads("feedState")).as("one read after the lost write, then the copy").isEqualTo(1);
  }

  @Test
  void theCopyAWriteLeavesIsWhatAReadOfTheStoreReturns() {
    CachingReleaseStore copy = new CachingReleaseStore(counted(first), clock);
    Newsroom newsroom = new Newsroom(copy, clock);
    // An embargo end with digits below the millisecond, which the stores do not keep.
    Instant end = START.plus(Duration.ofHours(1)).plusNanos(500_123);
    Release scheduled = newsroom.create(Fixtures.input("Geplant", end.toString(), List.of("Förderung"), "de"));
    Release published = newsroom.create(Fixtures.input("Jetzt", null, List.of(), "de"));
    forget();

    assertThat(copy.feedState()).isEqualTo(second.feedState());
    assertThat(copy.feedState().nextEmbargoEnd(START)).contains(end.truncatedTo(ChronoUnit.MILLIS));
    assertThat(copy.head(published.id())).isEqualTo(second.head(published.id())).isPresent();
    // A head is held as DynamoDB's head index keeps it, to the millisecond (the embedded store
    // reads it from the release, with every digit): a 304 may come a millisecond early, no more.
    ReleaseHead held = copy.head(scheduled.id()).orElseThrow();
    ReleaseHead read = second.head(scheduled.id()).orElseThrow();
    assertThat(held.version()).isEqualTo(read.version());
    assertThat(held.updatedAt()).isEqualTo(read.updatedAt());
    assertThat(held.visibleFrom()).isEqualTo(read.visibleFrom().truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(end.truncatedTo(ChronoUnit.MILLIS));
    assertThat(reads("feedState") + reads("head")).as("every answer from the copy").isZero();
  }

  // --- embargoes ---------------------------------------------------------------------------

  @Test
  void anEmbargoEndsOnItsSecondFromTheHeldStateWithoutAnotherRead() throws Exception {
    here.publish(Map.of("title", "Erste Meldung"));
    Instant end = START.plus(Duration.ofMinutes(10));
    here.publish(Map.of("title", "Unter Sperrfrist", "publishAt", end.toString()));
    clock.set(end.minusMillis(500));
    Response before = here.get("/feed.atom");
    assertThat(titles(before)).containsExactlyInAnyOrder("Erste Meldung");
    assertThat(before.headers().get("Cache-Control")).isEqualTo("public, max-age=0");
    forget();

    clock.set(end.plusMillis(1));
    Response after = here.get("/feed.atom", "if-none-match", before.headers().get("ETag"));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.headers().get("ETag")).isNotEqualTo(before.headers().get("ETag"));
    assertThat(after.headers().get("Last-Modified")).isEqualTo("Thu, 26 Nov 2026 09:10:00 GMT");
    assertThat(titles(after)).containsExactlyInAnyOrder("Unter Sperrfrist", "Erste Meldung");
    assertThat(reads("feedState")).as("the copy read half a second ago holds the embargo's end").isZero();
  }

  // --- release heads -----------------------------------------------------------------------

  @Test
  void aReleasesHeadIsHeldTheSameWay() {
    String id = here.publish(Map.of("title", "Eine Meldung"));
    Response one = here.get("/releases/" + id);
    Response page = here.get("/news/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(page.status()).isEqualTo(200);
    forget();

    for (int i = 0; i < 20; i++) {
      assertThat(here.get("/releases/" + id, "if-none-match", one.headers().get("ETag")).status()).isEqualTo(304);
      assertThat(here.get("/news/" + id, "if-none-match", page.headers().get("ETag")).status()).isEqualTo(304);
    }
    assertThat(calls()).as("held since the write: a 304 reads nothing").isEmpty();
    clock.advance(STALENESS);
    for (int i = 0; i < 20; i++) {
      assertThat(here.get("/releases/" + id, "if-none-match", one.headers().get("ETag")).status()).isEqualTo(304);
    }
    assertThat(calls()).containsExactly(Map.entry("head", 1));

    // Another container revises it: shown here within the staleness.
    there.revise(id, Map.of("title", "Eine Meldung, berichtigt"));
    clock.advance(STALENESS);
    Response revised = here.get("/releases/" + id, "if-none-match", one.headers().get("ETag"));
    assertThat(revised.status()).isEqualTo(200);
    assertThat(revised.headers().get("ETag")).isNotEqualTo(one.headers().get("ETag"));

    // This container's own write: the next poll sees it, without a read of the head.
    here.revise(id, Map.of("title", "Eine Meldung, zweimal berichtigt"));
    forget();
    Response mine = here.get("/releases/" + id, "if-none-match", revised.headers().get("ETag"));
    assertThat(mine.status()).isEqualTo(200);
    assertThat(here.get("/releases/" + id, "if-none-match", mine.headers().get("ETag")).status()).isEqualTo(304);
    assertThat(reads("head")).isZero();
  }

  @Test
  void missingReleasesAreHeldTooAndTheHeadsAreBounded() {
    CachingReleaseStore copy = new CachingReleaseStore(counted(first), clock);
    for (int i = 0; i <= CachingReleaseStore.MAX_HEADS; i++) {
      assertThat(copy.head("2026-11-26-nicht-da-" + i)).isEmpty();
    }
    assertThat(reads("head")).isEqualTo(CachingReleaseStore.MAX_HEADS + 1);
    forget();
    assertThat(copy.head("2026-11-26-nicht-da-" + CachingReleaseStore.MAX_HEADS)).isEmpty();
    assertThat(reads("head")).as("a missing release is held like a found one").isZero();
    assertThat(copy.head("2026-11-26-nicht-da-0")).isEmpty();
    assertThat(reads("head")).as("the least recently read went first").isEqualTo(1);
  }

  // --- threads -----------------------------------------------------------------------------

  @Test
  void concurrentReadersNeverSeeAStateOlderThanOneAlreadySeenOrAFinishedWrite() throws Exception {
    CachingReleaseStore copy = new CachingReleaseStore(first, clock);
    Map<Long, FeedState> stored = new ConcurrentHashMap<>();
    stored.put(0L, FeedState.INITIAL);
    AtomicLong finished = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> problems = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    // Two writers: one through the copy, one as another container; and a clock that ticks.
    threads.add(new Thread(() -> write(copy, stored, finished, running, problems)));
    threads.add(new Thread(() -> write(second, stored, new AtomicLong(), running, problems)));
    threads.add(new Thread(() -> {
      while (running.get()) {
        clock.advance(Duration.ofMillis(100));
        Thread.onSpinWait();
      }
    }));
    AtomicInteger readsMade = new AtomicInteger();
    for (int r = 0; r < 4; r++) {
      threads.add(new Thread(() -> {
        long seen = 0;
        while (running.get()) {
          long done = finished.get();
          FeedState state = copy.feedState();
          readsMade.incrementAndGet();
          if (state.revision() < seen || state.revision() < done) {
            problems.add("read revision " + state.revision() + " after seeing " + seen + ", write done " + done);
          }
          FeedState written = stored.get(state.revision());
          if (written != null && !written.equals(state)) {
            problems.add("revision " + state.revision() + " read as " + state + ", stored as " + written);
          }
          seen = state.revision();
        }
      }));
    }
    threads.forEach(Thread::start);
    // At least 1.5 s of racing, and on a loaded machine until the copy's writer has won a write
    // and the readers have read a hundred times (at most 20 s).
    long start = System.nanoTime();
    while (System.nanoTime() - start < 20_000_000_000L
        && (System.nanoTime() - start < 1_500_000_000L || finished.get() == 0 || readsMade.get() <= 100)) {
      Thread.sleep(50);
    }
    running.set(false);
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(problems).isEmpty();
    assertThat(finished.get()).as("writes through the copy").isPositive();
    assertThat(readsMade.get()).isGreaterThan(100);
  }

  private void write(ReleaseStore store, Map<Long, FeedState> stored, AtomicLong finished,
      AtomicBoolean running, List<String> problems) {
    try {
      while (running.get()) {
        FeedState current = store.latestFeedState();
        FeedState next = current.changed(clock.instant().truncatedTo(ChronoUnit.MILLIS)).successorOf(current);
        if (store.replaceFeedState(next, current.revision())) {
          stored.put(next.revision(), next);
          finished.accumulateAndGet(next.revision(), Math::max);
        }
      }
    } catch (RuntimeException e) {
      problems.add(e.toString());
    }
  }

  // --- the two containers ------------------------------------------------------------------

  /** One container's application over its own store object: its routers, as Lambda runs them. */
  private final class Container {
    final Router feeds;
    final Router releases;
    final Router pages;
    final Router editor;

    Container(ReleaseStore store) {
      Application application = new Application(Config.from(Map.of()), store, clock);
      feeds = application.feedRouter();
      releases = application.publicRouter();
      pages = application.pagesRouter();
      editor = application.editorRouter();
    }

    Response get(String path, String... headers) {
      Map<String, String> h = new HashMap<>();
      for (int i = 0; i < headers.length; i += 2) {
        h.put(headers[i], headers[i + 1]);
      }
      Request request = new Request("GET", path, Map.of(), h, null, Optional.empty(), BASE);
      Router router = path.startsWith("/feed.") ? feeds : path.startsWith("/releases") ? releases : pages;
      return router.handle(request);
    }

    String publish(Map<String, Object> changes) {
      Response response = asEditor("POST", "/releases", changes, Map.of());
      assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
      return RunningGatewayJson.id(response);
    }

    void revise(String id, Map<String, Object> changes) {
      String etag = asEditor("GET", "/editor/releases/" + id, null, Map.of()).headers().get("ETag");
      Response response = asEditor("PUT", "/releases/" + id, changes, Map.of("if-match", etag));
      assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    }

    void retract(String id) {
      String etag = asEditor("GET", "/editor/releases/" + id, null, Map.of()).headers().get("ETag");
      assertThat(asEditor("DELETE", "/releases/" + id, null, Map.of("if-match", etag)).status()).isEqualTo(204);
    }

    private Response asEditor(String method, String path, Map<String, Object> changes, Map<String, String> headers) {
      Map<String, String> h = new HashMap<>(headers);
      byte[] body = null;
      if (changes != null) {
        h.put("content-type", "application/json");
        body = RunningGateway.seedWith(changes).getBytes(StandardCharsets.UTF_8);
      }
      return editor.handle(new Request(method, path, Map.of(), h, body,
          Optional.of(new Request.Editor("redaktion")), BASE));
    }
  }

  /** The id in a created release's JSON, read by Jackson as a client would. */
  private static final class RunningGatewayJson {
    static String id(Response response) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("id").asText();
      } catch (java.io.IOException e) {
        throw new AssertionError(response.bodyText(), e);
      }
    }
  }

  /** The entries' titles, as Rome reads the Atom feed. */
  private static List<String> titles(Response feed) {
    try {
      SyndFeed parsed = new SyndFeedInput().build(new StringReader(feed.bodyText()));
      return parsed.getEntries().stream().map(SyndEntry::getTitle).toList();
    } catch (Exception e) {
      throw new AssertionError("not a feed: " + feed.bodyText(), e);
    }
  }

  // --- counting ----------------------------------------------------------------------------

  /** {@code real}, with every call to it counted by port method. */
  private ReleaseStore counted(ReleaseStore real) {
    return (ReleaseStore) Proxy.newProxyInstance(ReleaseStore.class.getClassLoader(),
        new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() != Object.class) {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * Calls of one port method since the last {@link #forget}. Polls read {@code feedState};
   * writes read {@code latestFeedState}, which always asks the store.
   */
  private int reads(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  private Map<String, Integer> calls() {
    Map<String, Integer> out = new HashMap<>();
    calls.forEach((k, v) -> {
      if (v.get() > 0) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  private void forget() {
    calls.clear();
  }
}
