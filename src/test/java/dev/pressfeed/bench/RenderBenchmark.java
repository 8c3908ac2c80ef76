package dev.pressfeed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.feed.AtomFeed;
import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.feed.JsonFeed;
import dev.pressfeed.feed.RssFeed;
import dev.pressfeed.http.ReleaseJson;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * What rendering costs once the releases are in memory: each feed format for a page of 20
 * (the default FEED_SIZE) and 100 (the maximum) releases, and the JSON API's list page.
 * Only the public renderers are called, so the figures follow whatever renderers are built.
 *
 * <p>Entries come three ways ({@code content}): {@code first}, as every container reads them
 * now: documents from the store, each carrying the rendering composed when it was written,
 * with every cache cleared before each render; {@code fallback}, documents stored without a
 * rendering (written before renderings were stored, or too large for one), every entry composed
 * afresh (Markdown, sanitiser) with the caches cleared, which is what every first render cost
 * before; {@code recent}, stored without a rendering but composed before, as in a warm
 * container that rendered these releases already.
 *
 * <p>SampleTime, because its percentiles give a median that one GC pause cannot move; the
 * settings (one fork, 3 × 1 s warm-up, 5 × 1 s measurement) keep the run near a minute on two
 * cores. Run with {@code mvn -Pbench verify}; JMH options given to {@link #main} override them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RenderBenchmark {

  static final String BASE = "https://press.example.org";
  /** After the newest release, before any embargo: every release is public. */
  static final Instant NOW = Newsdesk.LATEST.plus(Duration.ofDays(6));

  /** A feed page of {@code releases} entries, one edition per format (each names its own URL). */
  @State(Scope.Benchmark)
  public static class Feed {

    @Param({"20", "100"})
    public int releases;

    /**
     * {@code first}: entries read from stored documents with their rendering, caches cleared;
     * {@code fallback}: stored without a rendering, composed afresh (caches cleared);
     * {@code recent}: stored without a rendering, composed before (see the class comment).
     */
    @Param({"first", "fallback", "recent"})
    public String content;

    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void forget() {
      if (!content.equals("recent")) {
        Rendering.forgetRecent();
      }
    }

    FeedEdition rss;
    FeedEdition atom;
    FeedEdition json;

    @Setup
    public void build() {
      boolean stored = content.equals("first");
      rss = edition("/feed.rss", releases, stored);
      atom = edition("/feed.atom", releases, stored);
      json = edition("/feed.json", releases, stored);
    }
  }

  /** The first page of {@code GET /releases}: 20 items, the API's default page size. */
  @State(Scope.Benchmark)
  public static class ReleasesPage {

    List<Release> releases;

    @Setup
    public void build() {
      releases = Newsdesk.published(20);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Benchmark
  public String rss(Feed feed) {
    return RssFeed.render(feed.rss);
  }

  @Benchmark
  public String atom(Feed feed) {
    return AtomFeed.render(feed.atom);
  }

  @Benchmark
  public String jsonFeed(Feed feed) {
    return JsonFeed.render(feed.json);
  }

  @Benchmark
  public byte[] releasesPage(ReleasesPage page) throws Exception {
    return listPage(page.releases);
  }

  /** The list body as the API builds it: {@code items} from {@link ReleaseJson#listItem}, then {@code next}. */
  static byte[] listPage(List<Release> releases) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (Release r : releases) {
      items.add(ReleaseJson.listItem(r, BASE, NOW));
    }
    body.put("next", "eyJ0IjoiMjAyNi0xMS0xNFQyMzowMDowMFoifQ");
    return JSON.writeValueAsBytes(body);
  }

  static FeedEdition edition(String path, int size) {
    return edition(path, size, true);
  }

  /** @param stored whether the entries carry the rendering stored with them */
  static FeedEdition edition(String path, int size, boolean stored) {
    List<Release> entries = stored ? Newsdesk.stored(size) : Newsdesk.published(size);
    // There are always older releases, so every page names the next one, as a real first page does.
    Optional<String> next = Optional.of(BASE + path + "?cursor=eyJ0IjoiMjAyNi0wOS0wMVQwMDowMDowMFoifQ");
    Instant updated = entries.stream().map(FeedEdition::changed).max(Comparator.naturalOrder()).orElseThrow();
    return new FeedEdition("Pressfeed", "Pressfeed", "Press releases", "en", BASE + path, BASE + "/", BASE,
        next, entries, updated);
  }

  /**
   * Prints the rendered sizes, runs the benchmarks and ends with their medians, so one run
   * gives every figure. Arguments are JMH's own ({@code -f 2}, {@code -rf json}, …).
   */
  public static void main(String[] args) throws Exception {
    printMachine();
    printSizes();
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .parent(new CommandLineOptions(args))
        .include(RenderBenchmark.class.getName() + "\\.")
        // A renderer that throws must fail the command, not leave a row out of the table.
        .shouldFailOnError(true)
        .build()).run();
    printMedians(results);
  }

  /** Figures mean little without the machine, and a shared machine's load explains a wide p90. */
  private static void printMachine() {
    String cpu = "unknown CPU";
    String load = "unknown";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse(cpu);
      load = Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException notLinux) {
      // The figures still stand; only the description of the machine is missing.
    }
    System.out.printf("%nMachine: %d CPUs (%s), Java %s (%s), load average %s%n",
        Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"), load);
  }

  private static void printSizes() throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (int size : new int[] {20, 100}) {
      rows.add(new String[] {"RSS 2.0", "" + size, bytes(RssFeed.render(edition("/feed.rss", size)))});
      rows.add(new String[] {"Atom 1.0", "" + size, bytes(AtomFeed.render(edition("/feed.atom", size)))});
      rows.add(new String[] {"JSON Feed 1.1", "" + size, bytes(JsonFeed.render(edition("/feed.json", size)))});
    }
    rows.add(new String[] {"GET /releases page", "20", "" + listPage(Newsdesk.published(20)).length});
    System.out.println();
    System.out.println("Rendered sizes (renderer output, UTF-8 bytes)");
    Table.print(List.of("body", "releases", "bytes"), rows);
    System.out.println();
  }

  private static String bytes(String rendered) {
    return Integer.toString(rendered.getBytes(StandardCharsets.UTF_8).length);
  }

  private static void printMedians(Collection<RunResult> results) {
    List<String[]> rows = new ArrayList<>();
    for (RunResult result : results) {
      Statistics stats = result.getPrimaryResult().getStatistics();
      String name = result.getParams().getBenchmark();
      String releases = Optional.ofNullable(result.getParams().getParam("releases")).orElse("20");
      String content = Optional.ofNullable(result.getParams().getParam("content")).orElse("—");
      Function<Double, String> us = p -> String.format("%.1f", stats.getPercentile(p));
      rows.add(new String[] {name.substring(name.lastIndexOf('.') + 1), releases, content, us.apply(50.0),
          us.apply(90.0), us.apply(99.0), Long.toString(stats.getN())});
    }
    System.out.println();
    System.out.println("Render times, microseconds per render (SampleTime; p50 is the figure to quote)");
    Table.print(List.of("benchmark", "releases", "content", "p50 µs", "p90 µs", "p99 µs", "samples"), rows);
  }
}
