package dev.pressfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last step of the kit: each target of issue #5 beside what this run measured, read from
 * the figures the earlier steps saved ({@link Figures}, JMH's {@code target/jmh-result.json}).
 * A step that did not run shows as "not measured", never as met.
 */
public final class BenchSummary {

  private static final double MIB = 1024 * 1024;

  private BenchSummary() {}

  public static void main(String[] args) throws Exception {
    Figures lambda = Figures.load("lambda");
    Figures cost = Figures.load("cost");
    List<String[]> rows = new ArrayList<>();

    Optional<Double> coldRss = lambda.number("GET-feed-rss.cold");
    Optional<Double> coldFloor = lambda.number("floor.cold");
    row(rows, "cold GET /feed.rss ÷ cold hello floor (typed handler, as the samples)",
        both(coldRss, coldFloor).map(v -> v[0] / v[1]),
        v -> String.format("%.2f (%s ÷ %s ms)", v, LambdaStartBenchmark.ms(coldRss.get()), LambdaStartBenchmark.ms(coldFloor.get())),
        "≤ 2.0", v -> v <= 2.0);
    Optional<Double> coldStreamFloor = lambda.number("streamFloor.cold");
    row(rows, "cold GET /feed.rss ÷ cold stream-handler hello floor (for reference)",
        both(coldRss, coldStreamFloor).map(v -> v[0] / v[1]),
        v -> String.format("%.2f (%s ÷ %s ms)", v, LambdaStartBenchmark.ms(coldRss.get()), LambdaStartBenchmark.ms(coldStreamFloor.get())),
        "≤ 2.0", v -> v <= 2.0);
    for (String[] cds : List.of(
        new String[] {"GET-feed-rss-AppCDS-archive", "with an AppCDS archive, zip layout (not shipped: see README)"},
        new String[] {"GET-feed-rss-AppCDS-archive-code-on-the-class-path", "with an AppCDS archive, code on the class path"})) {
      Optional<Double> coldCds = lambda.number(cds[0] + ".cold");
      row(rows, "cold GET /feed.rss " + cds[1] + " ÷ floor",
          both(coldCds, coldFloor).map(v -> v[0] / v[1]),
          v -> String.format("%.2f (%s ÷ %s ms)", v, LambdaStartBenchmark.ms(coldCds.get()), LambdaStartBenchmark.ms(coldFloor.get())),
          "≤ 2.0", v -> v <= 2.0);
    }

    // Issue 13: the pages function, measured in the same run as the feed and reported beside
    // it; the 2.0 target is the feed function's.
    for (String[] page : List.of(
        new String[] {"GET /news/{id}", "the seed release's page"},
        new String[] {"GET /", "the newsroom, first page"})) {
      String key = LambdaStartBenchmark.figureKey(page[0]);
      String what = page[0] + " (pages function, " + page[1] + ")";
      Optional<Double> cold = lambda.number(key + ".cold");
      reported(rows, "cold " + what + " ÷ cold hello floor", both(cold, coldFloor).map(v -> v[0] / v[1]),
          v -> String.format("%.2f (%s ÷ %s ms)", v, LambdaStartBenchmark.ms(cold.get()), LambdaStartBenchmark.ms(coldFloor.get())),
          "reported (≤ 2.0 is the feed's target)");
      reported(rows, "cold " + page[0] + " ÷ cold GET /feed.rss, same run", both(cold, coldRss).map(v -> v[0] / v[1]),
          v -> String.format("%.2f (%s ÷ %s ms)", v, LambdaStartBenchmark.ms(cold.get()), LambdaStartBenchmark.ms(coldRss.get())),
          "reported");
      reported(rows, "warm " + page[0] + " p50", lambda.number(key + ".warm.p50"), v -> LambdaStartBenchmark.ms(v) + " ms",
          "reported");
      reported(rows, "page size, " + page[1] + " (bytes)", lambda.number(key + ".bytes"), v -> String.format("%.0f", v),
          "reported");
    }

    Optional<Double> warmRss = lambda.number("GET-feed-rss.warm.p50");
    Optional<Double> budget = both(lambda.number("floor.warm.p50"), lambda.number("query.p50")).map(v -> 3 * v[0] + v[1]);
    row(rows, "warm GET /feed.rss p50", warmRss, v -> LambdaStartBenchmark.ms(v) + " ms",
        budget.map(b -> String.format("≤ 3 × floor p50 + Query = %s ms (floor %s, Query %s)", LambdaStartBenchmark.ms(b),
            LambdaStartBenchmark.ms(lambda.number("floor.warm.p50").get()), LambdaStartBenchmark.ms(lambda.number("query.p50").get())))
            .orElse("3 × floor p50 + Query"),
        v -> budget.isPresent() && v <= budget.get());

    Optional<Double> warm304 = lambda.number("GET-feed-rss-304.warm.p50");
    Optional<Double> budget304 = lambda.number("getItem.p50").map(g -> g + 0.2);
    row(rows, "warm GET /feed.rss → 304 p50", warm304, v -> LambdaStartBenchmark.ms(v) + " ms",
        budget304.map(b -> String.format("≤ GetItem + 0.2 ms = %s ms (GetItem %s)", LambdaStartBenchmark.ms(b),
            LambdaStartBenchmark.ms(lambda.number("getItem.p50").get()))).orElse("GetItem + 0.2 ms"),
        v -> budget304.isPresent() && v <= budget304.get());
    // Like for like: the runtime's own cost per invocation (the stream floor's p50) taken out,
    // and the GetItem timed in a JVM started as the handlers' (C1 only), called as often.
    for (String phase : List.of("warm", "settled")) {
      Optional<Double> poll = lambda.number("GET-feed-rss-304." + phase + ".p50");
      Optional<Double> floor = lambda.number("streamFloor." + phase + ".p50");
      Optional<Double> getItem = lambda.number("handlerJvm.getItem." + phase + ".p50");
      row(rows, "304 p50 less the stream floor's p50, " + (phase.equals("warm")
              ? "first 200 invocations" : "settled (invocations 601–800)"),
          both(poll, floor).map(v -> v[0] - v[1]), v -> LambdaStartBenchmark.ms(v) + " ms",
          getItem.map(g -> String.format("≤ GetItem (handler-like JVM, %s) + 0.2 ms = %s ms", phase,
              LambdaStartBenchmark.ms(g + 0.2))).orElse("GetItem (handler-like JVM) + 0.2 ms"),
          v -> getItem.isPresent() && v <= getItem.get() + 0.2);
    }

    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("first", "entries read from the store with their stored rendering, caches cleared (JMH)");
    contents.put("recent", "no stored rendering, entries composed before (JMH)");
    contents.put("fallback", "no stored rendering, every entry composed afresh (JMH)");
    for (Map.Entry<String, String> content : contents.entrySet()) {
      Optional<Double> render = rssRenderP50Micros(content.getKey());
      row(rows, "RSS render p50, 20 releases, " + content.getValue(), render.map(us -> us / 1000),
          v -> String.format("%.3f ms", v), "≤ 0.5 ms", v -> v <= 0.5);
    }

    row(rows, "items read by a 304 (DynamoDB)", cost.number("rss304.items"), v -> String.format("%.0f", v),
        "≤ 1", v -> v <= 1);

    row(rows, "Lambda jar size", cost.number("jar.bytes").map(b -> b / MIB), v -> String.format("%.2f MiB", v),
        "≤ 12 MiB", v -> v <= 12);

    Optional<String> forbidden = cost.get("jar.forbidden");
    rows.add(new String[] {"forbidden libraries in the jar (Apache/Netty HTTP, joda-time)",
        forbidden.map(f -> f.isEmpty() ? "none" : f).orElse("not measured"), "none",
        forbidden.map(f -> f.isEmpty() ? "met" : "NOT MET").orElse("not measured")});

    System.out.println();
    System.out.println("Summary: issue #5 targets, and the pages function beside them (issue 13)");
    Table.print(List.of("target", "measured", "goal", "met"), rows);
    System.out.println();
  }

  private interface Check {
    boolean test(double value);
  }

  private interface Format {
    String apply(double value);
  }

  private static void row(List<String[]> rows, String target, Optional<Double> value, Format format,
      String goal, Check check) {
    rows.add(new String[] {target, value.map(format::apply).orElse("not measured"), goal,
        value.map(v -> check.test(v) ? "met" : "NOT MET").orElse("not measured")});
  }

  /** A figure shown for what it is, with no target of its own. */
  private static void reported(List<String[]> rows, String target, Optional<Double> value, Format format,
      String goal) {
    rows.add(new String[] {target, value.map(format::apply).orElse("not measured"), goal,
        value.isPresent() ? "—" : "not measured"});
  }

  private static Optional<double[]> both(Optional<Double> a, Optional<Double> b) {
    return a.isPresent() && b.isPresent() ? Optional.of(new double[] {a.get(), b.get()}) : Optional.empty();
  }

  /** JMH's p50 of {@code RenderBenchmark.rss} at 20 releases with the given content mode, in µs. */
  private static Optional<Double> rssRenderP50Micros(String content) throws Exception {
    Path results = Path.of("target", "jmh-result.json");
    if (!Files.isRegularFile(results)) {
      return Optional.empty();
    }
    for (JsonNode run : new ObjectMapper().readTree(results.toFile())) {
      if (run.path("benchmark").asText().endsWith(".rss") && run.path("params").path("releases").asText().equals("20")
          && run.path("params").path("content").asText().equals(content)) {
        if (!run.path("primaryMetric").path("scoreUnit").asText().equals("us/op")) {
          throw new IllegalStateException("JMH reported " + run.path("primaryMetric").path("scoreUnit") + ", not us/op");
        }
        return Optional.of(run.path("primaryMetric").path("scorePercentiles").path("50.0").asDouble());
      }
    }
    return Optional.empty();
  }
}
