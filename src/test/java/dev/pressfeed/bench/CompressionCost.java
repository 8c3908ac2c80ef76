package dev.pressfeed.bench;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.Fixtures;
import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.http.Gzip;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.lambda.EventJson;
import dev.pressfeed.lambda.LambdaEvents;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Issue 14: what gzip costs and saves on the Lambda path without a CDN. For a typical feed page
 * (20 releases like the seed release), a page at FEED_SIZE=100, and the largest pages an editor
 * can make (FEED_SIZE=100, releases of the longest bodies, cut by {@code FeedApi} at 5 MB):
 * bytes as text, as gzip, as base64 of gzip, and as the Lambda response JSON either way (what
 * Lambda's 6 MB limit counts); the median time of gzip at levels 1, 6 and 9; and the price per
 * million full answers of that CPU on Lambda against the data transfer it saves.
 *
 * <p>Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/test-classpath.txt && java -cp
 * "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * dev.pressfeed.bench.CompressionCost} (about a minute on two cores).
 */
public final class CompressionCost {

  /** us-east-1, 2026-11-30 (docs/architecture.md, "What it costs"). */
  static final double LAMBDA_ARM_GB_SECOND = 0.0000133334;
  static final double TRANSFER_OUT_PER_GB = 0.09;
  /** The functions' memory: 1 024 MB, about 0.58 of the vCPU Lambda gives at 1 769 MB. */
  static final double MEMORY_GB = 1.0;
  static final double CPU_SHARE = 1024.0 / 1769.0;
  static final int LAMBDA_RESPONSE_LIMIT = 6_291_556;

  private CompressionCost() {}

  record Page(String name, byte[] body, String contentType) {}

  public static void main(String[] args) throws Exception {
    List<Page> pages = new ArrayList<>();
    for (int size : new int[] {20, 100}) {
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
        FeedEdition edition = RenderBenchmark.edition(path, size);
        Function<FeedEdition, String> renderer = path.endsWith("rss") ? RssFeed::render
            : path.endsWith("atom") ? AtomFeed::render : JsonFeed::render;
        pages.add(new Page(path + " " + size + " seed-like", renderer.apply(edition).getBytes(StandardCharsets.UTF_8),
            path.endsWith("json") ? JsonFeed.MEDIA_TYPE : path.endsWith("rss") ? RssFeed.MEDIA_TYPE : AtomFeed.MEDIA_TYPE));
      }
    }
    pages.addAll(largest("emoji", n -> "😀".repeat(60_000)));
    pages.addAll(largest("random-alnum", n -> random(n, 99_000, false)));
    pages.addAll(largest("random-scripts", n -> random(n, 99_000, true)));

    System.out.printf("%nMachine: %d CPUs, Java %s, load %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.runtime.version"), Files.readString(Path.of("/proc/loadavg")).strip());
    System.out.println();
    System.out.println("| page | text bytes | Lambda JSON, text | gzip-1 | gzip-6 | gzip-9 | base64(gzip-6) | Lambda JSON, gzip-6 | ms gzip-1 | ms gzip-6 | ms gzip-9 |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Map<String, double[]> costs = new LinkedHashMap<>();
    for (Page page : pages) {
      int[] sizes = new int[10];
      double[] millis = new double[10];
      for (int level : new int[] {1, 6, 9}) {
        sizes[level] = Gzip.encode(page.body(), level).length;
        millis[level] = medianMillis(page.body(), level);
      }
      byte[] gzip = Gzip.encode(page.body());
      int textEvent = eventBytes(new Response(200, Map.of("Content-Type", page.contentType()), page.body()));
      int gzipEvent = eventBytes(new Response(200, Map.of("Content-Type", page.contentType(),
          "Content-Encoding", "gzip"), gzip));
      if (gzipEvent > LAMBDA_RESPONSE_LIMIT) {
        throw new IllegalStateException(page.name() + ": the gzip answer is past Lambda's limit: " + gzipEvent);
      }
      System.out.printf("| %s | %,d | %,d | %,d (%.0f%%) | %,d (%.0f%%) | %,d (%.0f%%) | %,d | %,d | %.2f | %.2f | %.2f |%n",
          page.name(), page.body().length, textEvent,
          sizes[1], 100.0 * sizes[1] / page.body().length, sizes[6], 100.0 * sizes[6] / page.body().length,
          sizes[9], 100.0 * sizes[9] / page.body().length,
          Base64.getEncoder().encodeToString(gzip).length(), gzipEvent, millis[1], millis[6], millis[9]);
      costs.put(page.name(), new double[] {page.body().length - sizes[6], millis[6]});
    }
    System.out.println();
    System.out.println("Per million full answers at level 6 (us-east-1, 2026-11-30): Lambda arm64 $"
        + LAMBDA_ARM_GB_SECOND + " per GB-s at 1024 MB, the time scaled by 1769/1024 (the share of a vCPU"
        + " 1024 MB gets); data transfer out $" + TRANSFER_OUT_PER_GB + " per GB.");
    System.out.println();
    System.out.println("| page | CPU on Lambda per 10⁶ | transfer saved per 10⁶ | saved ÷ spent |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, double[]> row : costs.entrySet()) {
      double seconds = row.getValue()[1] / CPU_SHARE / 1000;
      double cpu = seconds * MEMORY_GB * LAMBDA_ARM_GB_SECOND * 1e6;
      double saved = row.getValue()[0] / 1e9 * TRANSFER_OUT_PER_GB * 1e6;
      System.out.printf("| %s | $%.2f | $%.2f | %.0f× |%n", row.getKey(), cpu, saved, saved / cpu);
    }
  }

  /** The Lambda response JSON's bytes, as the handlers write it. */
  static int eventBytes(Response response) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventJson.write(LambdaEvents.toEvent(response), out);
    return out.size();
  }

  /** Median of repeated runs after warming up, in milliseconds. */
  static double medianMillis(byte[] body, int level) {
    int runs = (int) Math.max(7, Math.min(61, 30_000_000L / Math.max(1, body.length)));
    for (int i = 0; i < Math.max(3, runs / 3); i++) {
      Gzip.encode(body, level);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Gzip.encode(body, level);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1e6;
  }

  /**
   * The first page of each feed at FEED_SIZE=100 over 40 releases with {@code body} as the body,
   * answered by the feed router as the local gateway and Lambda answer it (FeedApi's 5 MB cut
   * included), without Accept-Encoding.
   */
  static List<Page> largest(String name, Function<Integer, String> body) throws Exception {
    Path dir = Files.createTempDirectory("pressfeed-compression");
    List<Page> pages = new ArrayList<>();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir.resolve("data"))) {
      Newsroom newsroom = new Newsroom(store, Clock.systemUTC());
      ReleaseInput seed = Fixtures.seedInput();
      for (int n = 0; n < 40; n++) {
        ReleaseInput input = Fixtures.withBody(seed, body.apply(n));
        newsroom.create(new ReleaseInput("Lang " + n, input.subtitle(), input.summary(), input.body(),
            input.language(), input.status(), Instant.parse("2026-09-01T00:00:00Z").plusSeconds(3600L * n).toString(),
            input.location(), input.tags(), input.organization(), input.contacts(), input.links(),
            input.about(), input.attachments()));
      }
      Application application = new Application(Config.from(Map.of("FEED_SIZE", "100")), store, Clock.systemUTC());
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
        Response answer = application.feedRouter().handle(new Request("GET", path, Map.of(), Map.of(), null,
            Optional.empty(), "https://press.example.org"));
        pages.add(new Page(path + " 100 " + name, answer.body(), answer.headers().get("Content-Type")));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return pages;
  }

  /**
   * {@code codePoints} random letters and digits (a space every few), the text gzip shrinks
   * least that a release can hold; with {@code scripts}, a third each ASCII, Cyrillic and CJK,
   * so the bytes spread over the most values UTF-8 allows.
   */
  static String random(int seed, int codePoints, boolean scripts) {
    Random random = new Random(seed);
    String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder text = new StringBuilder(codePoints * 2);
    for (int i = 0; i < codePoints; i++) {
      if (i % 7 == 6) {
        text.append(' ');
        continue;
      }
      int kind = scripts ? random.nextInt(3) : 0;
      switch (kind) {
        case 0 -> text.append(alnum.charAt(random.nextInt(alnum.length())));
        case 1 -> text.appendCodePoint(0x0410 + random.nextInt(64));
        default -> text.appendCodePoint(0x4E00 + random.nextInt(0x5000));
      }
    }
    return text.toString();
  }
}
