package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.http.ReleaseJson;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.store.ReleaseDocument;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class loading a cold start would otherwise do on the request path, done on a second
 * thread while the first builds the DynamoDB client (the longest step of a container's
 * start): one synthetic release read as a stored document and rendered the way the handler
 * renders (feeds, the JSON API, or the editor's validation).
 *
 * <p>It touches nothing a request can see: no store, no HTTP, and no cache entry a real
 * release could hit (the synthetic release's id has no date and its version is 0; stored ids
 * start with one, versions with 1). A failure is logged and otherwise ignored: the request
 * path then loads the same classes itself. Only the Lambda constructors start it; tests and
 * the local gateway build handlers without it.
 */
enum Warmup {
  FEEDS, RELEASES, EDITOR;

  /** A small release in the shape editors send, German typography and Markdown included. */
  static final String SAMPLE = """
      {"title": "Warm-up „Pressfeed“", "body": "Text *mit* [Link](https://example.org).\\n\\n> Zitat",
       "summary": "Kurz.", "language": "de", "tags": ["Warm-up"], "location": "Berlin",
       "organization": {"name": "Pressfeed", "url": "https://example.org"},
       "contacts": [{"name": "Presse", "email": "presse@example.org", "phone": "+49 30 1234"}],
       "links": [{"title": "x", "url": "https://example.org"}], "about": "Über uns.",
       "attachments": [{"title": "Bild", "url": "https://example.org/a.jpg", "mediaType": "image/jpeg"}]}""";

  private static final Map<Warmup, Thread> STARTED = new EnumMap<>(Warmup.class);

  /** Starts this warm-up on a daemon thread, once per JVM. */
  void start() {
    synchronized (STARTED) {
      STARTED.computeIfAbsent(this, kind -> {
        Thread thread = new Thread(kind::runQuietly, "pressfeed-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
      });
    }
  }

  /** Waits for every warm-up started (before a SnapStart snapshot, say). */
  static void awaitAll() throws InterruptedException {
    List<Thread> threads;
    synchronized (STARTED) {
      threads = List.copyOf(STARTED.values());
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void runQuietly() {
    try {
      run();
    } catch (Exception | LinkageError e) {
      System.err.println("warm-up " + name() + " failed (requests load the classes themselves): " + e);
    }
  }

  /** The work itself, on the calling thread. */
  void run() throws Exception {
    Instant now = Instant.now();
    ReleaseInput input = ReleaseRules.check(ReleaseJson.read(SAMPLE.getBytes(StandardCharsets.UTF_8)).input()).input();
    Release synthetic = new Release("warm-up", "warm-up", input, Release.State.PUBLISHED, now, now, now, 0);
    Release release = ReleaseDocument.read(ReleaseDocument.write(synthetic));
    String base = "https://warm-up.invalid";
    switch (this) {
      case FEEDS -> {
        FeedEdition edition = new FeedEdition("Warm-up", "Warm-up", "de", base + "/feed.rss", base + "/releases",
            base, Optional.of(base + "/feed.rss?cursor=x"), List.of(release), now);
        RssFeed.render(edition);
        AtomFeed.render(edition);
        JsonFeed.render(edition);
      }
      case RELEASES -> {
        ReleaseJson.full(release, base, now).toString();
        ReleaseJson.listItem(release, base, now).toString();
      }
      case EDITOR -> ReleaseJson.full(release, base, now).toString();
    }
    EventJson.read(new ByteArrayInputStream("""
        {"version": "2.0", "rawPath": "/", "headers": {"host": "warm-up.invalid"},
         "requestContext": {"http": {"method": "GET", "path": "/"}}, "isBase64Encoded": false}"""
        .getBytes(StandardCharsets.UTF_8)));
    EventJson.write(APIGatewayV2HTTPResponse.builder().withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "text/plain")).withBody("warm-up").build(), OutputStream.nullOutputStream());
  }
}
