package dev.pressfeed.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monthly bill of 10 000, 100 000 and 1 000 000 subscribers, from the population's mix
 * ({@link Population}) and what the load model measured: with CloudFront in front (pay-as-you-go
 * and the cheapest flat-rate plan that covers the load) and without it (every poll at API
 * Gateway). Prices are us-east-1, checked on {@link #CHECKED}; each is written beside its line.
 */
final class CostProjection {

  static final String CHECKED = "2026-11-30";

  // CloudFront pay-as-you-go, United States/Mexico/Canada edge locations.
  static final double EDGE_REQUEST = 0.0100 / 10_000; // HTTPS requests, $0.0100 per 10 000
  static final double EDGE_GB = 0.085; // data transfer out to the internet, first 10 TB a month
  static final double EDGE_FREE_REQUESTS = 10_000_000; // perpetual free tier, a month
  static final double EDGE_FREE_GB = 1_000; // 1 TB
  // CloudFront flat-rate plans (since 2025-11-18): price, requests and GB a month, no overage.
  record Plan(String name, double price, double requests, double gigabytes) {}

  static final List<Plan> PLANS = List.of(
      new Plan("Free", 0, 1e6, 100),
      new Plan("Pro", 15, 10e6, 50_000),
      new Plan("Business", 200, 125e6, 50_000),
      new Plan("Premium", 1_000, 500e6, 50_000),
      new Plan("Premium (750 M)", 1_450, 750e6, 75_000),
      new Plan("Premium (1.25 B)", 2_250, 1.25e9, 125_000),
      new Plan("Premium (2 B)", 3_500, 2e9, 200_000),
      new Plan("Premium (3.5 B)", 6_000, 3.5e9, 350_000),
      new Plan("Premium (6 B)", 10_000, 6e9, 600_000));
  static final double API_REQUEST = 1.00 / 1e6; // HTTP API, first 300 M a month
  static final double LAMBDA_REQUEST = 0.20 / 1e6;
  static final double LAMBDA_GB_SECOND = 0.0000133334; // arm64
  static final double LAMBDA_GB = 1.0; // template.yaml MemorySize 1024
  static final double DYNAMO_READ_UNIT = 0.125 / 1e6; // on-demand
  static final double DYNAMO_WRITE_UNIT = 0.625 / 1e6;
  static final double LOG_GB = 0.50; // CloudWatch Logs ingested
  static final double LOG_BYTES_PER_INVOCATION = 300; // docs/architecture.md's figure
  static final double REGION_OUT_GB = 0.09; // data transfer out of the region, first 10 TB
  static final double REGION_OUT_FREE_GB = 100;

  /** Warm Lambda durations from the kit (docs/benchmarks.md, 2026-11-26), billed by the ms. */
  static final double WARM_MS_304 = 3.07;
  static final double WARM_MS_200 = 5.47;

  // The CDN's behaviour, assumed (docs/benchmarks.md states why).
  static final int REGIONAL_EDGE_CACHES = 13;
  static final double MAX_AGE = 300; // FEED_MAX_AGE
  static final int ENCODINGS = 2; // the edge caches a gzip and a Brotli copy of each URL
  static final double CHANGES_PER_DAY = 5; // releases, edits and embargo ends a day
  static final int WATCHED_PAGES = 20; // release pages watched, each its own cache key
  static final int EDGE_HEADER_BYTES = 250; // what CloudFront adds: Via, X-Cache, X-Amz-Cf-Pop, X-Amz-Cf-Id, Age
  static final double MONTH = 30.4 * 24 * 3600;
  static final double GB = 1e9;

  /** What the run measured, per container at full speed and per poll. */
  record Measured(int containers, double pollsPerSecond, double readsPerSecondPerContainer,
      double readUnitsPerSecondPerContainer, double readUnitsPerPoll, double baseUnitsPerContainer,
      double marginalUnitsPerPoll, double writeUnitsPerWrite,
      int headerBytes304, int headerBytes200, int gzipFeed, int gzipReleases, int gzipPage, double share304) {}

  /** One subscriber count's traffic and bill. */
  record Bill(int subscribers, double edgePolls, double share304, double edgeGigabytes, double originRequests,
      double origin200, Map<String, Double> cdn, Plan plan, Map<String, Double> flat, Map<String, Double> direct) {
    double total(Map<String, Double> lines) {
      return lines.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  static Bill bill(int subscribers, Measured m) {
    Map<String, Double> polls = Population.pollsPerMonth(subscribers, WATCHED_PAGES);
    double edgePolls = polls.values().stream().mapToDouble(Double::doubleValue).sum();
    double share304 = Population.notModifiedShare(subscribers, CHANGES_PER_DAY);
    double edgeBytes = 0;
    double originRequests = 0;
    double origin200 = 0;
    double changes = CHANGES_PER_DAY * 30.4;
    for (Map.Entry<String, Double> e : polls.entrySet()) {
      String path = e.getKey();
      double n = e.getValue();
      int gzip = path.startsWith("/feed.") ? m.gzipFeed() : path.startsWith("/news/") ? m.gzipPage() : m.gzipReleases();
      edgeBytes += n * share304 * (m.headerBytes304() + EDGE_HEADER_BYTES)
          + n * (1 - share304) * (m.headerBytes200() + EDGE_HEADER_BYTES + gzip);
      // Each cache key (URL × coding) at each regional edge cache: one origin request per max-age
      // window in which someone asks for it there. Its rate per window: n / windows / keys' caches.
      double perWindow = n / (MONTH / MAX_AGE) / REGIONAL_EDGE_CACHES / ENCODINGS;
      double keyOrigin = REGIONAL_EDGE_CACHES * ENCODINGS * (MONTH / MAX_AGE) * (1 - Math.exp(-perWindow));
      originRequests += keyOrigin;
      // After each change, each regional copy's next revalidation is a 200 (a page rarely changes).
      origin200 += path.startsWith("/news/") ? 0 : Math.min(keyOrigin, changes * REGIONAL_EDGE_CACHES * ENCODINGS);
    }
    double edgeGigabytes = edgeBytes / GB;

    Map<String, Double> cdn = new java.util.LinkedHashMap<>();
    cdn.put("CloudFront requests", Math.max(0, edgePolls - EDGE_FREE_REQUESTS) * EDGE_REQUEST);
    cdn.put("CloudFront data transfer out", Math.max(0, edgeGigabytes - EDGE_FREE_GB) * EDGE_GB);
    Map<String, Double> origin = origin(originRequests, origin200, m);
    cdn.putAll(origin);
    Plan plan = PLANS.stream().filter(p -> p.requests() >= edgePolls && p.gigabytes() >= edgeGigabytes)
        .findFirst().orElse(PLANS.get(PLANS.size() - 1));
    Map<String, Double> flat = new java.util.LinkedHashMap<>();
    flat.put("CloudFront " + plan.name() + " plan", plan.price());
    flat.putAll(origin);

    double direct200 = edgePolls * (1 - share304);
    Map<String, Double> direct = new java.util.LinkedHashMap<>(origin(edgePolls, direct200, m));
    direct.put("data transfer out of the region", Math.max(0, edgeGigabytes - REGION_OUT_FREE_GB) * REGION_OUT_GB);
    return new Bill(subscribers, edgePolls, share304, edgeGigabytes, originRequests, origin200, cdn, plan, flat, direct);
  }

  /** What the requests that reach API Gateway cost there and behind it. */
  private static Map<String, Double> origin(double requests, double full, Measured m) {
    Map<String, Double> lines = new java.util.LinkedHashMap<>();
    lines.put("API Gateway HTTP API", requests * API_REQUEST);
    lines.put("Lambda requests", requests * LAMBDA_REQUEST);
    double billedMs = (requests - full) * Math.ceil(WARM_MS_304) + full * Math.ceil(WARM_MS_200);
    lines.put("Lambda duration", billedMs / 1000 * LAMBDA_GB * LAMBDA_GB_SECOND);
    // Warm containers: enough for the mean rate at the 200's duration, three times over for
    // bursts, at least one. Each reads what the run measured at two poll rates (a base a second,
    // the container's copy refreshed, plus a share per poll, the renders of 200s), and never
    // more than one unit per request.
    double rate = requests / MONTH;
    double containers = Math.max(1, Math.ceil(3 * rate * WARM_MS_200 / 1000));
    double perContainer = rate / containers;
    double unitsPerSecond = containers * Math.min(perContainer,
        m.baseUnitsPerContainer() + m.marginalUnitsPerPoll() * perContainer);
    lines.put("DynamoDB reads", unitsPerSecond * MONTH * DYNAMO_READ_UNIT);
    lines.put("DynamoDB writes", CHANGES_PER_DAY * 30.4 * m.writeUnitsPerWrite() * DYNAMO_WRITE_UNIT);
    lines.put("CloudWatch Logs", requests * LOG_BYTES_PER_INVOCATION / GB * LOG_GB);
    return lines;
  }

  static void print(Measured m, PrintStream out) {
    out.printf("Projection (prices us-east-1, checked %s; CloudFront pay-as-you-go HTTPS $0.0100 per 10 000 requests,"
        + " $0.085/GB out, 10 M requests and 1 TB free a month; flat-rate plans Free $0 (1 M requests, 100 GB),"
        + " Pro $15 (10 M, 50 TB), Business $200 (125 M, 50 TB), Premium $1 000 (500 M, 50 TB; up to 6 B for"
        + " $10 000); HTTP API $1.00/M; Lambda arm64 $0.20/M and $0.0000133334/GB-s at 1 GB; DynamoDB on-demand"
        + " $0.125/M RRU, $0.625/M WRU; CloudWatch Logs $0.50/GB; region data out $0.09/GB after 100 GB)%n", CHECKED);
    out.printf("Measured inputs: 304 header bytes %d, 200 header bytes %d, compressed 200 bodies (uncompressed size ×"
        + " one release's gzip ratio): feed %d, /releases %d, page %d;"
        + " DynamoDB per container at full speed %.1f reads/s, %.1f RCU/s; %.3f RCU per poll; per container %.1f RCU/s"
        + " plus %.4f RCU per poll (from the full and half rate phases); %.1f WCU per write%n",
        m.headerBytes304(), m.headerBytes200(), m.gzipFeed(), m.gzipReleases(), m.gzipPage(),
        m.readsPerSecondPerContainer(), m.readUnitsPerSecondPerContainer(), m.readUnitsPerPoll(),
        m.baseUnitsPerContainer(), m.marginalUnitsPerPoll(), m.writeUnitsPerWrite());
    out.printf("Assumed: %d regional edge caches, max-age %.0f s, %d cached codings per URL, %.0f changes a day,"
        + " %d watched release pages, %d header bytes added by the edge; Lambda warm %.2f ms (304) and %.2f ms (200),"
        + " billed per ms%n", REGIONAL_EDGE_CACHES, MAX_AGE, ENCODINGS, CHANGES_PER_DAY, WATCHED_PAGES, EDGE_HEADER_BYTES,
        WARM_MS_304, WARM_MS_200);
    List<Bill> bills = List.of(bill(10_000, m), bill(100_000, m), bill(1_000_000, m));
    List<String[]> traffic = new ArrayList<>();
    for (Bill b : bills) {
      traffic.add(new String[] {String.format("%,d", b.subscribers()), String.format("%,.0f", b.edgePolls()),
          String.format("%.1f", b.edgePolls() / MONTH), String.format("%.1f%%", 100 * b.share304()),
          String.format("%,.0f", b.edgeGigabytes()), String.format("%,.0f", b.originRequests()),
          String.format("%.2f", b.originRequests() / MONTH), String.format("%,.0f", b.origin200())});
    }
    Table.print(List.of("subscribers", "edge polls/month", "edge polls/s", "304 at the edge", "edge GB out",
        "origin requests/month", "origin requests/s", "origin 200s"), traffic);
    out.println();
    List<String[]> rows = new ArrayList<>();
    List<String> lines = new ArrayList<>(bills.get(0).cdn().keySet());
    for (String line : lines) {
      rows.add(row("with CDN, pay-as-you-go: " + line, bills, b -> b.cdn().get(line)));
    }
    rows.add(row("with CDN, pay-as-you-go: total", bills, b -> b.total(b.cdn())));
    rows.add(row("with CDN, flat-rate plan (" + String.join(" / ", bills.stream().map(b -> b.plan().name()).toList())
        + "): total", bills, b -> b.total(b.flat())));
    for (String line : bills.get(0).direct().keySet()) {
      rows.add(row("without CDN: " + line, bills, b -> b.direct().get(line)));
    }
    rows.add(row("without CDN: total", bills, b -> b.total(b.direct())));
    Table.print(List.of("monthly bill ($)", "10 000", "100 000", "1 000 000"), rows);

    Bill big = bills.get(2);
    double millions = big.edgePolls() / 1e6;
    out.println();
    out.printf("Per million polls at 1 000 000 subscribers (%.0f M polls a month; the edge's own request price is $%.2f):%n",
        millions, EDGE_REQUEST * 1e6);
    List<String[]> per = new ArrayList<>();
    Bill mid = bills.get(1);
    // Ten times the subscribers, ten times the polls: a line that grows with polls grows ×10.
    big.cdn().forEach((line, cost) -> per.add(new String[] {line, String.format("%.4f", cost / millions),
        mid.cdn().get(line) > 0 ? String.format("×%.1f", cost / mid.cdn().get(line)) : "-"}));
    per.add(new String[] {"with CDN, pay-as-you-go: total", String.format("%.4f", big.total(big.cdn()) / millions),
        String.format("×%.1f", big.total(big.cdn()) / mid.total(mid.cdn()))});
    per.add(new String[] {"with CDN, " + big.plan().name() + " plan: total", String.format("%.4f", big.total(big.flat()) / millions),
        String.format("×%.1f", big.total(big.flat()) / mid.total(mid.flat()))});
    per.add(new String[] {"without CDN: total", String.format("%.4f", big.total(big.direct()) / millions),
        String.format("×%.1f", big.total(big.direct()) / mid.total(mid.direct()))});
    Table.print(List.of("line", "$ per million polls", "1 000 000 ÷ 100 000 subscribers"), per);
    double payg = big.total(big.cdn()) / millions;
    double requestsOnly = (big.cdn().get("CloudFront requests") / millions);
    String dominant = big.cdn().entrySet().stream().filter(e -> !e.getKey().equals("CloudFront requests"))
        .max(java.util.Map.Entry.comparingByValue()).map(e -> String.format("%s, $%.3f per million", e.getKey(),
            e.getValue() / millions)).orElse("-");
    out.printf("Goal (within 10%% of the edge's request price, $%.2f per million): pay-as-you-go $%.3f (%s); the edge's"
        + " requests alone $%.3f; the largest other line: %s; flat-rate $%.3f (%s)%n", EDGE_REQUEST * 1e6, payg,
        payg <= 1.1 * EDGE_REQUEST * 1e6 ? "met" : "not met", requestsOnly, dominant, big.total(big.flat()) / millions,
        big.total(big.flat()) / millions <= 1.1 * EDGE_REQUEST * 1e6 ? "met" : "not met");
  }

  private static String[] row(String name, List<Bill> bills, java.util.function.ToDoubleFunction<Bill> value) {
    String[] row = new String[bills.size() + 1];
    row[0] = name;
    for (int i = 0; i < bills.size(); i++) {
      row[i + 1] = String.format("%,.2f", value.applyAsDouble(bills.get(i)));
    }
    return row;
  }
}
