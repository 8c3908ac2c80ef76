package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.http.ReleaseJson;
import dev.pressfeed.page.PagesApi;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.release.Rendering;
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
 * renders. Each kind loads what its function loads and nothing more: the feed and releases
 * functions read a stored document that carries its rendering and copy its HTML into feeds or
 * the API's JSON (no Markdown renderer, no sanitiser, no request parsing); the editor function
 * reads and validates a request, composes the rendering and writes the document, as a POST does.
 *
 * <p>It touches nothing a request can see: no store, no HTTP, and no cache entry a real
 * release could hit (the synthetic release's id has no date and its version is 0; stored ids
 * start with one, versions with 1). A failure is logged and otherwise ignored: the request
 * path then loads the same classes itself. Only the Lambda constructors start it; tests and
 * the local gateway build handlers without it.
 */
enum Warmup {
  FEEDS, RELEASES, PAGES, EDITOR;

  /** A small release in the shape editors send, German typography and Markdown included. */
  static final String SAMPLE = """
      {"title": "Warm-up „Pressfeed“", "body": "Text *mit* [Link](https://example.org).\\n\\n> Zitat",
       "summary": "Kurz.", "language": "de", "tags": ["Warm-up"], "location": "Berlin",
       "organization": {"name": "Pressfeed", "url": "https://example.org"},
       "contacts": [{"name": "Presse", "email": "presse@example.org", "phone": "+49 30 1234"}],
       "links": [{"title": "x", "url": "https://example.org"}], "about": "Über uns.",
       "attachments": [{"title": "Bild", "url": "https://example.org/a.jpg", "mediaType": "image/jpeg"}]}""";

  private static final Map<Warmup, Thread> STARTED = new EnumMap<>(Warmup.class);

  /**
   * Starts this warm-up on a daemon thread, once per JVM, if the JVM sees a second processor to
   * run it on. With one (a CPU quota below one processor, or {@code -XX:ActiveProcessorCount=1}),
   * the thread would only take turns with the constructor and the first request, and add the
   * formats the request does not need.
   */
  void start() {
    if (!worthStarting(Runtime.getRuntime().availableProcessors())) {
      return;
    }
    synchronized (STARTED) {
      STARTED.computeIfAbsent(this, kind -> {
        Thread thread = new Thread(kind::runQuietly, "pressfeed-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
      });
    }
  }

  static boolean worthStarting(int processors) {
    return processors > 1;
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
    String base = "https://warm-up.invalid";
    switch (this) {
      case FEEDS -> {
        Release release = ReleaseDocument.read(storedDocument(now));
        FeedEdition edition = new FeedEdition("Warm-up", "Warm-up", "Warm-up", "de", base + "/feed.rss",
            base + "/", base, Optional.of(base + "/feed.rss?cursor=x"), List.of(release), now);
        RssFeed.render(edition);
        AtomFeed.render(edition);
        JsonFeed.render(edition);
      }
      case RELEASES -> {
        Release release = ReleaseDocument.read(storedDocument(now));
        ReleaseJson.full(release, base, now).toString();
        ReleaseJson.listItem(release, base, now).toString();
      }
      case PAGES -> PagesApi.rehearse(ReleaseDocument.read(storedDocument(now)), base);
      case EDITOR -> {
        ReleaseInput input = ReleaseRules.check(ReleaseJson.read(SAMPLE.getBytes(StandardCharsets.UTF_8)).input()).input();
        Release written = new Release("warm-up", "warm-up", input, Release.State.PUBLISHED, now, now, now, 0,
            Composer.compose(input));
        ReleaseJson.full(ReleaseDocument.read(ReleaseDocument.write(written)), base, now).toString();
      }
    }
    EventJson.read(new ByteArrayInputStream("""
        {"version": "2.0", "rawPath": "/", "headers": {"host": "warm-up.invalid"},
         "requestContext": {"http": {"method": "GET", "path": "/"}}, "isBase64Encoded": false}"""
        .getBytes(StandardCharsets.UTF_8)));
    EventJson.write(APIGatewayV2HTTPResponse.builder().withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "text/plain")).withBody("warm-up").build(), OutputStream.nullOutputStream());
  }

  /**
   * The synthetic release as the editor function stores it, rendering included. Built from
   * records, not from {@link #SAMPLE}: reading a request body would load the object mapper and
   * the validation, which the reading functions never use. Its HTML is written out here, as the
   * composer would make it (a test holds the two equal), since composing it would load the very
   * classes these functions no longer need.
   */
  static String storedDocument(Instant now) {
    ReleaseInput input = new ReleaseInput("Warm-up „Pressfeed“", null, "Kurz.",
        "Text *mit* [Link](https://example.org).\n\n> Zitat", "de", "published", null, "Berlin",
        List.of("Warm-up"), new ReleaseInput.Organization("Pressfeed", "https://example.org"),
        List.of(new ReleaseInput.Contact("Presse", null, null, "presse@example.org", "+49 30 1234",
            null, null, null)),
        List.of(new ReleaseInput.Link("x", "https://example.org")), "Über uns.",
        List.of(new ReleaseInput.Attachment("https://example.org/a.jpg", "Bild", "image/jpeg", null)));
    Rendering rendering = new Rendering(Rendering.VERSION,
        "<p>Text <em>mit</em> <a href=\"https://example.org\">Link</a>.</p>\n<blockquote>\n<p>Zitat</p>\n</blockquote>\n",
        "<p>Über uns.</p>\n",
        "<div><p><strong>Berlin</strong> – Text <em>mit</em> <a href=\"https://example.org\">Link</a>.</p>\n"
            + "<blockquote>\n<p>Zitat</p>\n</blockquote>\n</div><h2>Pressekontakt</h2><p><strong>Presse</strong>"
            + "<br>Tel. +49 30 1234<br><a href=\"mailto:presse@example.org\">presse@example.org</a></p>"
            + "<h2>Links</h2><ul><li><a href=\"https://example.org\">x</a></li></ul><h2>Über Pressfeed</h2>"
            + "<div><p>Über uns.</p>\n</div>",
        "Kurz.");
    return ReleaseDocument.write(new Release("warm-up", "warm-up", input, Release.State.PUBLISHED,
        now, now, now, 0, rendering));
  }
}
