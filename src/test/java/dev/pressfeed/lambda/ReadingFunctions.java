package dev.pressfeed.lambda;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feed and releases functions' work in a JVM of its own, for
 * {@link ReadingFunctionsTest}: their warm-ups, then each of their routes through their handlers
 * (event JSON in, event JSON out) over the embedded store in {@code args[0]}, which the test
 * wrote beforehand and in which {@code args[1]} is a published release. Prints
 * {@code ANSWER <path> <status>} per request; the JVM's class-loading log tells the test the rest.
 * The pages function's work follows, after a line {@value #PAGES_FOLLOW}.
 */
final class ReadingFunctions {

  static final String PAGES_FOLLOW = "PAGES FOLLOW";
  private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  private ReadingFunctions() {}

  public static void main(String[] args) throws Exception {
    Warmup.FEEDS.run();
    Warmup.RELEASES.run();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(Path.of(args[0]))) {
      // With a hub, as a deployment that pings has: reading still loads nothing of the pings.
      Application application = new Application(Config.from(Map.of("WEBSUB_HUB_URL", "https://hub.example/")),
          store, Clock.systemUTC());
      ApiHandler feeds = new FeedHandler(application);
      ApiHandler releases = new ReleasesHandler(application);
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
        answer(feeds, path);
      }
      for (String path : List.of("/releases", "/releases/" + args[1])) {
        answer(releases, path);
      }
      // Then the pages function in the same JVM: what loads after this line is its own.
      System.out.println(PAGES_FOLLOW);
      Warmup.PAGES.run();
      ApiHandler pages = new PagesHandler(application);
      for (String path : List.of("/", "/news/" + args[1])) {
        answer(pages, path);
      }
    }
  }

  private static void answer(ApiHandler handler, String path) throws Exception {
    String event = """
        {"version": "2.0", "routeKey": "GET %1$s", "rawPath": "%1$s", "rawQueryString": "",
         "headers": {"host": "reading.invalid"},
         "requestContext": {"domainName": "reading.invalid", "http": {"method": "GET", "path": "%1$s"}},
         "isBase64Encoded": false}""".formatted(path);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    Matcher status = STATUS.matcher(out.toString(StandardCharsets.UTF_8));
    System.out.println("ANSWER " + path + " " + (status.find() ? status.group(1) : "none"));
  }
}
