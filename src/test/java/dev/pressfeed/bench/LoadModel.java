package dev.pressfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.local.LocalGateway;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The load model of issue 14: a population of feed pollers ({@link Population}) played against
 * several local gateways ("containers", each its own {@link Application} as a Lambda container
 * builds one) over one dynalite table, while an editor publishes, edits and lets an embargo end.
 * Prints what was reached, what DynamoDB did per poll and per second, the hottest item against a
 * partition's 3 000 read units a second, and the monthly projection ({@link CostProjection}).
 * Exits non-zero on any error: a status other than 2xx/304, an exception, a change a poller did
 * not see within the staleness bound, or an embargoed release seen before its time.
 *
 * <p>Run it with {@code mvn -q -Pload verify}; {@code -Dload.seconds=N} sets each phase's length
 * (default 25), {@code -Dload.containers=N} the largest number of containers (default 4).
 */
public final class LoadModel {

  /**
   * The population played: the mix of {@link Population} for this many subscribers
   * ({@code -Dload.subscribers}). Small enough that the machine's polls/s compress hours of
   * polling into each phase, so that the editor's few changes a phase are a few a day in the
   * population's time, as a press office makes them.
   */
  static final int SUBSCRIBERS = Integer.getInteger("load.subscribers", 2_000);
  static final int RELEASES = 40;
  static final int WORKERS = 16;
  static final String BASE = "https://news.example.org";
  /**
   * How long after a change every poll must show it: the cache's staleness (about a second,
   * {@code -Dload.staleness}) plus half a second for a request under way when it expired.
   */
  static final double BOUND_SECONDS = Double.parseDouble(System.getProperty("load.staleness", "1.0")) + 0.5;
  static final ObjectMapper JSON = new ObjectMapper();

  private final TableMeter meter;
  private final List<Container> containers;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder errorCount = new LongAdder();

  private LoadModel(TableMeter meter, List<Container> containers) {
    this.meter = meter;
    this.containers = containers;
  }

  /** One container: its own Application and gateway over its own DynamoDB client, as on Lambda. */
  record Container(LocalGateway gateway, DynamoDbClient client, String base) implements AutoCloseable {
    @Override
    public void close() {
      gateway.close();
      client.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("load.seconds", 25);
    int most = Math.max(2, Integer.getInteger("load.containers", 4));
    TableMeter meter = new TableMeter();
    String table = "load-" + UUID.randomUUID();
    boolean failed;
    try (Dynalite.Server server = Dynalite.Server.start()) {
      try (DynamoDbClient admin = server.clientBuilder().build()) {
        DynamoClients.createTableIfMissing(admin, table);
      }
      List<Container> containers = new ArrayList<>();
      try {
        for (int i = 0; i < most; i++) {
          containers.add(container(server, table, meter));
        }
        failed = new LoadModel(meter, containers).run(seconds);
      } finally {
        containers.forEach(Container::close);
      }
    }
    if (failed) {
      System.exit(1);
    }
  }

  private static Container container(Dynalite.Server server, String table, TableMeter meter) throws IOException {
    DynamoDbClient client = server.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
    Config config = Config.from(Map.of("PUBLIC_BASE_URL", BASE, "TABLE_NAME", table));
    Application application = new Application(config, new DynamoReleaseStore(client, table), Clock.systemUTC());
    LocalGateway gateway = new LocalGateway(application, RunningGateway.TOKEN,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LocalGateway.Limits.LAPTOP,
        new PrintStream(OutputStream.nullOutputStream()));
    gateway.start();
    return new Container(gateway, client, "http://127.0.0.1:" + gateway.port());
  }

  /** A phase: how many containers take polls, and the poll rate (0: as fast as the machine goes). */
  record Phase(String name, int containers, double rate) {}

  private boolean run(int seconds) throws Exception {
    System.out.printf("Load model: %d containers at most, phases of %d s, %d workers, uptime: %s%n",
        containers.size(), seconds, WORKERS, uptime());
    List<String> ids = new ArrayList<>();
    for (int n = RELEASES - 1; n >= 0; n--) {
      Reply posted = send(containers.get(0), "POST", "/releases", Newsdesk.requestBody(n).getBytes(StandardCharsets.UTF_8),
          "Authorization", "Bearer " + RunningGateway.TOKEN, "Content-Type", "application/json");
      if (posted.status() != 201) {
        throw new IllegalStateException("seeding: POST /releases answered " + posted.status() + ": " + posted.text());
      }
      ids.add(JSON.readTree(posted.body()).get("id").asText());
    }
    byte[] one = send(containers.get(0), "GET", "/releases/" + ids.get(0), null).body();
    gzipRatio = (double) Traffic.gzipSize(one) / one.length;
    // A release page's size, for when no watcher saw a 200 of one (their page never changed).
    pageBytes = send(containers.get(0), "GET", "/news/" + ids.get(0), null).body().length;
    System.out.printf("gzip ratio of one release (GET /releases/{id}, %,d bytes): %.3f%n", one.length, gzipRatio);
    Random random = new Random(14);
    List<Population.Poller> pollers = Population.of(SUBSCRIBERS, ids.subList(ids.size() - 10, ids.size()), random);
    prime(pollers);
    PriorityQueue<Population.Poller> queue = new PriorityQueue<>((a, b) -> Double.compare(a.due, b.due));
    queue.addAll(pollers);
    Map<String, Long> kinds = new LinkedHashMap<>();
    pollers.forEach(p -> kinds.merge(p.kind, 1L, Long::sum));
    System.out.printf("Population of %,d subscribers: %,d pollers %s; %d releases stored%n",
        SUBSCRIBERS, pollers.size(), kinds, RELEASES);

    int most = containers.size();
    List<Result> results = new ArrayList<>();
    Result full = play(0, new Phase(most / 2 + " containers, full speed", most / 2, 0), queue, seconds);
    results.add(full);
    Result wide = play(1, new Phase(most + " containers, full speed", most, 0), queue, seconds);
    results.add(wide);
    results.add(play(2, new Phase(most + " containers, half the poll rate", most, wide.pollsPerSecond() / 2), queue, seconds));

    System.out.println();
    System.out.println("Phases (DynamoDB reads: GetItem, Query and BatchGetItem calls; RCU: read units DynamoDB bills)");
    List<String[]> rows = new ArrayList<>();
    for (Result r : results) {
      rows.add(new String[] {r.phase.name(), Integer.toString(r.phase.containers()), f1(r.pollsPerSecond()),
          pct(r.share304()), Long.toString(r.errors), f3(r.readsPerPoll()), f3(r.unitsPerPoll()), f1(r.readsPerSecond()),
          f1(r.readsPerSecond() / r.phase.containers()), f1(r.unitsPerSecond()), f0(r.compression())});
    }
    Table.print(List.of("phase", "containers", "polls/s", "304s", "errors", "reads/poll", "RCU/poll",
        "reads/s", "reads/s per container", "RCU/s", "time factor"), rows);
    for (Result r : results) {
      r.printDetail();
    }
    System.out.println();
    CostProjection.print(wide.inputs(results.get(2)), System.out);

    System.out.println();
    long total = errorCount.sum();
    System.out.println("Errors: " + total + (total == 0 ? "" : " — first ones: " + errors.subList(0, Math.min(10, errors.size()))));
    System.out.println("uptime at the end: " + uptime());
    return total > 0;
  }

  /** Each poller starts with the validators of the feed as it stands: a population long subscribed. */
  private void prime(List<Population.Poller> pollers) {
    Map<String, Reply> seen = new LinkedHashMap<>();
    for (Population.Poller p : pollers) {
      if (!p.validators) {
        continue;
      }
      Reply reply = seen.computeIfAbsent(p.path + "|" + p.gzip, k -> p.gzip
          ? send(containers.get(0), "GET", p.path, null, "Accept-Encoding", "gzip")
          : send(containers.get(0), "GET", p.path, null));
      p.etag = reply.header("ETag");
      p.lastModified = reply.header("Last-Modified");
    }
  }

  /** What the pollers saw in one phase, and what DynamoDB did meanwhile. */
  final class Result {
    final Phase phase;
    final long polls;
    final long notModified;
    final long errors;
    final double seconds;
    final double virtualSeconds;
    final Map<String, TableMeter.Totals> operations;
    final java.util.Optional<Map.Entry<String, TableMeter.Totals>> hottest;
    final java.util.Optional<Map.Entry<String, TableMeter.Totals>> hottestItem;
    final List<Map.Entry<String, TableMeter.Totals>> top;
    final Traffic traffic;
    final List<String> checks;

    Result(Phase phase, long polls, long notModified, long errors, double seconds, double virtualSeconds,
        Traffic traffic, List<String> checks) {
      this.phase = phase;
      this.polls = polls;
      this.notModified = notModified;
      this.errors = errors;
      this.seconds = seconds;
      this.virtualSeconds = virtualSeconds;
      this.operations = meter.operations();
      this.hottest = meter.hottest();
      this.hottestItem = meter.hottestItem();
      this.top = meter.top(5);
      this.traffic = traffic;
      this.checks = checks;
    }

    double pollsPerSecond() {
      return polls / seconds;
    }

    double share304() {
      return polls == 0 ? 0 : (double) notModified / polls;
    }

    double compression() {
      return virtualSeconds / seconds;
    }

    private long reads() {
      return operations.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToLong(e -> e.getValue().calls()).sum();
    }

    private double units() {
      return operations.entrySet().stream().filter(e -> READS.contains(e.getKey())).mapToDouble(e -> e.getValue().units()).sum();
    }

    private double writeUnits() {
      return operations.entrySet().stream().filter(e -> !READS.contains(e.getKey())).mapToDouble(e -> e.getValue().units()).sum();
    }

    double readsPerPoll() {
      return (double) reads() / polls;
    }

    double unitsPerPoll() {
      return units() / polls;
    }

    double readsPerSecond() {
      return reads() / seconds;
    }

    double unitsPerSecond() {
      return units() / seconds;
    }

    void printDetail() {
      System.out.println();
      System.out.printf("%s: %.1f s, %,d polls (%.1f/s), %s 304, population time ×%.0f (%.1f h of polling), errors %d%n",
          phase.name(), seconds, polls, pollsPerSecond(), pct(share304()), compression(), virtualSeconds / 3600, errors);
      List<String[]> rows = new ArrayList<>();
      operations.forEach((op, t) -> rows.add(new String[] {op, Long.toString(t.calls()), f3((double) t.calls() / polls),
          f1(t.calls() / seconds), f3((double) t.items() / polls), f0(t.bytes() / (double) polls), f0(t.bytes() / seconds),
          f3(t.units() / polls), f1(t.units() / seconds), Long.toString(t.failed())}));
      Table.print(List.of("operation", "calls", "calls/poll", "calls/s", "items/poll", "bytes/poll", "bytes/s",
          "units/poll", "units/s", "failed"), rows);
      hottest.ifPresent(h -> System.out.printf("hottest key: %s: %.1f reads/s, %.1f RCU/s = %.2f%% of a partition's 3 000 RCU/s%n",
          h.getKey(), h.getValue().calls() / seconds, h.getValue().units() / seconds, 100 * h.getValue().units() / seconds / 3000));
      hottestItem.ifPresent(h -> System.out.printf("most read item: %s: %.1f reads/s, %.1f RCU/s%n",
          h.getKey(), h.getValue().calls() / seconds, h.getValue().units() / seconds));
      System.out.println("most read keys (reads/s): " + top.stream().map(e -> String.format("%s %.1f",
          e.getKey().length() > 90 ? e.getKey().substring(0, 90) + "…" : e.getKey(), e.getValue().calls() / seconds))
          .collect(java.util.stream.Collectors.joining("; ")));
      traffic.print();
      checks.forEach(c -> System.out.println("  " + c));
    }

    /**
     * The projection's inputs from this phase, with {@code slower} (the same containers at another
     * rate) giving a container's read units as a base a second plus a share per poll.
     */
    CostProjection.Measured inputs(Result slower) {
      double fast = pollsPerSecond() / phase.containers();
      double slow = slower.pollsPerSecond() / slower.phase.containers();
      double marginal = Math.max(0, (unitsPerSecond() / phase.containers() - slower.unitsPerSecond() / slower.phase.containers())
          / (fast - slow));
      double base = Math.max(0, unitsPerSecond() / phase.containers() - marginal * fast);
      return new CostProjection.Measured(phase.containers(), pollsPerSecond(), readsPerSecond() / phase.containers(),
          unitsPerSecond() / phase.containers(), unitsPerPoll(), base, marginal, writeUnits() / EDITOR_WRITES,
          traffic.headerBytes304(), traffic.headerBytes200(),
          realistic(traffic.identityBytes("feed")), realistic(traffic.identityBytes("releases")),
          realistic(traffic.identityBytes("page") > 0 ? traffic.identityBytes("page") : pageBytes), share304());
    }
  }

  /** The editor's writes in the measured phase: one PUT and one POST. */
  static final int EDITOR_WRITES = 2;

  /**
   * gzip's ratio on one release as the API serves it: the seeded feeds repeat one seed body, which
   * gzip shrinks ~16-fold, far better than real releases with bodies of their own would; so the
   * projection sizes a compressed 200 as its uncompressed size times this ratio.
   */
  private double gzipRatio = 1;
  private int pageBytes;

  int realistic(int identityBytes) {
    return (int) Math.round(identityBytes * gzipRatio);
  }

  static final Set<String> READS = Set.of("GetItem", "Query", "BatchGetItem", "Scan");

  /** Sizes of what pollers received, by kind of URL. */
  static final class Traffic {
    final Map<String, LongAdder[]> ok = new ConcurrentHashMap<>();
    final LongAdder headers304 = new LongAdder();
    final LongAdder count304 = new LongAdder();
    final Map<String, Integer> gzipByEtag = new ConcurrentHashMap<>();
    final Map<String, Integer> identityByEtag = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> latency200 = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> latency304 = new ConcurrentLinkedQueue<>();

    static String category(String path) {
      return path.startsWith("/feed.") ? "feed" : path.startsWith("/news/") ? "page" : "releases";
    }

    void record(String path, Reply reply, long nanos) {
      int headerBytes = headerBytes(reply);
      if (reply.status() == 304) {
        headers304.add(headerBytes);
        count304.increment();
        latency304.add(nanos);
        return;
      }
      latency200.add(nanos);
      String etag = reply.header("ETag");
      boolean gzipped = "gzip".equalsIgnoreCase(reply.header("Content-Encoding"));
      // What the edge would send compressed: the body as served if gzipped, else its gzip at the
      // JDK's default level, computed once per representation.
      int gzip = gzipped ? reply.body().length : gzipByEtag.computeIfAbsent(etag == null ? UUID.randomUUID().toString() : etag,
          e -> gzipSize(reply.body()));
      LongAdder[] a = ok.computeIfAbsent(category(path), c -> new LongAdder[] {new LongAdder(), new LongAdder(),
          new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
      a[0].increment();
      a[1].add(headerBytes);
      a[2].add(reply.body().length);
      a[3].add(gzip);
      a[4].add(gzipped ? 1 : 0);
      a[5].increment();
      a[6].add(gzipped ? identityByEtag.computeIfAbsent(etag == null ? UUID.randomUUID().toString() : etag,
          e -> gunzipSize(reply.body())) : reply.body().length);
    }

    /** The uncompressed size of a 200 of this kind (a gzipped answer unzipped, once per ETag). */
    int identityBytes(String category) {
      LongAdder[] a = ok.get(category);
      return a == null || a[5].sum() == 0 ? 0 : (int) (a[6].sum() / a[5].sum());
    }

    int headerBytes304() {
      return count304.sum() == 0 ? 0 : (int) (headers304.sum() / count304.sum());
    }

    int headerBytes200() {
      long n = ok.values().stream().mapToLong(a -> a[0].sum()).sum();
      return n == 0 ? 0 : (int) (ok.values().stream().mapToLong(a -> a[1].sum()).sum() / n);
    }

    int gzipBytes(String category) {
      LongAdder[] a = ok.get(category);
      return a == null || a[0].sum() == 0 ? 0 : (int) (a[3].sum() / a[0].sum());
    }

    void print() {
      List<String[]> rows = new ArrayList<>();
      ok.forEach((c, a) -> rows.add(new String[] {"200 " + c, Long.toString(a[0].sum()), f0((double) a[1].sum() / a[0].sum()),
          f0((double) a[2].sum() / a[0].sum()), f0((double) a[3].sum() / a[0].sum()), pct((double) a[4].sum() / a[0].sum())}));
      rows.add(new String[] {"304", Long.toString(count304.sum()), Integer.toString(headerBytes304()), "0", "0", "-"});
      Table.print(List.of("answer", "count", "header bytes", "body bytes as served", "body bytes gzip", "served gzipped"), rows);
      System.out.printf("latency at the client, p50/p99: 200 %.2f/%.2f ms, 304 %.2f/%.2f ms%n",
          percentile(latency200, 50), percentile(latency200, 99), percentile(latency304, 50), percentile(latency304, 99));
    }

    private static double percentile(ConcurrentLinkedQueue<Long> values, int p) {
      List<Long> sorted = new ArrayList<>(values);
      if (sorted.isEmpty()) {
        return 0;
      }
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    private static int gunzipSize(byte[] body) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        return in.readAllBytes().length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static int gzipSize(byte[] body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.size();
    }
  }

  /** A poll of a URL whose every answer a change must alter: for the staleness check. */
  record Seen(String path, long start, long end, int status, String sent, String got) {}

  /** A change the editor made: when it became visible (nanoTime) and what shows it. */
  record Change(String what, long at, String id, String title) {}

  private Result play(int index, Phase phase, PriorityQueue<Population.Poller> queue, int seconds) throws Exception {
    meter.reset();
    List<Container> active = containers.subList(0, phase.containers());
    LongAdder polls = new LongAdder();
    LongAdder notModified = new LongAdder();
    long errorsBefore = errorCount.sum();
    Traffic traffic = new Traffic();
    ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    double virtualStart;
    synchronized (queue) {
      virtualStart = queue.peek().due;
    }
    double[] virtualNow = {virtualStart};
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    AtomicLong nextSlot = new AtomicLong(start);
    long period = phase.rate() > 0 ? (long) (1e9 / phase.rate()) : 0;
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < end) {
          if (period > 0) {
            long slot = nextSlot.getAndAdd(period);
            long wait = slot - System.nanoTime();
            if (wait > 0) {
              sleepNanos(wait);
            }
          }
          Population.Poller p;
          synchronized (queue) {
            p = queue.poll();
            virtualNow[0] = Math.max(virtualNow[0], p.due);
          }
          try {
            poll(p, active.get(ThreadLocalRandom.current().nextInt(active.size())), polls, notModified, traffic, seen);
          } finally {
            p.due += p.intervalSeconds * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble());
            synchronized (queue) {
              queue.add(p);
            }
          }
        }
      }, "poller-" + w);
      workers.add(worker);
      worker.start();
    }
    List<Change> changes = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    edit(index, active, start, seconds, changes, checks);
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    checks.addAll(staleness(new ArrayList<>(seen), changes));
    return new Result(phase, polls.sum(), notModified.sum(), errorCount.sum() - errorsBefore, elapsed,
        virtualNow[0] - virtualStart, traffic, checks);
  }

  private void poll(Population.Poller p, Container container, LongAdder polls, LongAdder notModified, Traffic traffic,
      ConcurrentLinkedQueue<Seen> seen) {
    List<String> headers = new ArrayList<>(List.of("User-Agent", p.agent));
    if (p.gzip) {
      headers.addAll(List.of("Accept-Encoding", "gzip"));
    }
    String sent = p.validators ? p.etag : null;
    if (sent != null) {
      headers.addAll(List.of("If-None-Match", sent));
    }
    if (p.validators && p.lastModified != null) {
      headers.addAll(List.of("If-Modified-Since", p.lastModified));
    }
    long t0 = System.nanoTime();
    Reply reply;
    try {
      reply = send(container, "GET", p.path, null, headers.toArray(String[]::new));
    } catch (RuntimeException e) {
      error(p.kind + " GET " + p.path + ": " + e);
      return;
    }
    long t1 = System.nanoTime();
    polls.increment();
    if (reply.status() == 304) {
      notModified.increment();
    } else if (reply.status() / 100 != 2) {
      error(p.kind + " GET " + p.path + " answered " + reply.status() + ": " + reply.text());
      return;
    } else if (p.validators) {
      p.etag = reply.header("ETag");
      p.lastModified = reply.header("Last-Modified");
    }
    traffic.record(p.path, reply, t1 - t0);
    if (WATCHED.contains(p.path)) {
      seen.add(new Seen(p.path + (p.gzip ? " gzip" : ""), t0, t1, reply.status(), sent,
          reply.status() == 304 ? sent : reply.header("ETag")));
    }
  }

  /** The URLs every change alters (a new release is in every unfiltered list): the staleness check reads these. */
  static final Set<String> WATCHED = Set.of("/feed.rss", "/feed.atom", "/feed.json", "/releases");

  /**
   * The editor's part, through the first container, one step a phase: the first phase publishes
   * a release, the second edits it and lets an embargo end a few seconds after posting it, the
   * third publishes another. Each change is checked through every container once the staleness
   * has passed (parsed from the JSON Feed); the editor's own container must show it at once.
   */
  private void edit(int index, List<Container> active, long start, int seconds, List<Change> changes,
      List<String> checks) throws Exception {
    Container editor = active.get(0);
    long stamp = System.currentTimeMillis() % 100_000;
    if (index == 1) {
      at(start, seconds * 0.2);
      Change edited = reviseTitle(editor, lastPublished, checks);
      changes.add(edited);
      confirm(active, edited, checks, "edit");
      at(start, seconds * 0.4);
      // Whole seconds, as an editor writes a time: see docs/benchmarks.md on sub-millisecond publishAt.
      Instant embargo = Instant.now().plusSeconds(Math.max(3, seconds / 5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      Change embargoed = publish(editor, "Pressfeed load model: embargoed " + stamp, embargo, checks);
      // Just before the embargo ends, nobody may see it.
      sleepNanos(embargoed.at - System.nanoTime() - 600_000_000L);
      for (Container c : active) {
        if (feedTitles(c).contains(embargoed.title)) {
          error("embargoed release visible before its time through " + c.base);
        }
      }
      changes.add(embargoed);
      confirm(active, embargoed, checks, "embargo ended");
      return;
    }
    at(start, seconds * 0.3);
    Change published = publish(editor, "Pressfeed load model: release " + stamp, null, checks);
    changes.add(published);
    confirm(active, published, checks, "published");
    lastPublished = published;
  }

  /** The release the next phase's editor revises. */
  private Change lastPublished;

  private Change publish(Container editor, String title, Instant publishAt, List<String> checks) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", title);
    fields.put("tags", List.of("Mittelstand", "Pressfeed"));
    fields.put("language", "de");
    fields.put("publishAt", publishAt == null ? null : publishAt.toString());
    Reply posted = send(editor, "POST", "/releases", RunningGateway.seedWith(fields).getBytes(StandardCharsets.UTF_8),
        "Authorization", "Bearer " + RunningGateway.TOKEN, "Content-Type", "application/json");
    long at = System.nanoTime();
    if (posted.status() != 201) {
      error("POST /releases answered " + posted.status() + ": " + posted.text());
      return new Change("publish", at, "", title);
    }
    String id = JSON.readTree(posted.body()).get("id").asText();
    if (publishAt == null) {
      // Read-your-writes: the editor's own container shows it on the next read, at once.
      boolean seenAtOnce = feedTitles(editor).contains(title);
      checks.add("published " + id + ": in the editor's container's /feed.json at once: " + (seenAtOnce ? "yes" : "NO"));
      if (!seenAtOnce) {
        error("the editor's own container did not show " + id + " at once");
      }
      return new Change("publish", at, id, title);
    }
    long until = Duration.between(Instant.now(), publishAt).toNanos();
    return new Change("embargo", System.nanoTime() + until, id, title);
  }

  private Change reviseTitle(Container editor, Change published, List<String> checks) throws IOException {
    Reply current = send(editor, "GET", "/editor/releases/" + published.id, null,
        "Authorization", "Bearer " + RunningGateway.TOKEN);
    String title = published.title + " (revised)";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", title);
    fields.put("tags", List.of("Mittelstand", "Pressfeed"));
    fields.put("language", "de");
    fields.put("publishAt", null);
    Reply put = send(editor, "PUT", "/releases/" + published.id, RunningGateway.seedWith(fields).getBytes(StandardCharsets.UTF_8),
        "Authorization", "Bearer " + RunningGateway.TOKEN, "Content-Type", "application/json", "If-Match", current.header("ETag"));
    long at = System.nanoTime();
    if (put.status() != 200) {
      error("PUT /releases/" + published.id + " answered " + put.status() + ": " + put.text());
    }
    boolean seenAtOnce = feedTitles(editor).contains(title);
    checks.add("edited " + published.id + ": in the editor's container's /feed.json at once: " + (seenAtOnce ? "yes" : "NO"));
    if (!seenAtOnce) {
      error("the editor's own container did not show the edit of " + published.id + " at once");
    }
    return new Change("edit", at, published.id, title);
  }

  /** Once the bound has passed, every container's JSON Feed carries the change. */
  private void confirm(List<Container> active, Change change, List<String> checks, String what) {
    sleepNanos(change.at + (long) (BOUND_SECONDS * 1e9) - System.nanoTime());
    int showing = 0;
    for (Container c : active) {
      if (feedTitles(c).contains(change.title)) {
        showing++;
      } else {
        error(what + " " + change.id + " not in " + c.base + "/feed.json " + BOUND_SECONDS + " s after it");
      }
    }
    checks.add(String.format("%s %s: in /feed.json of %d of %d containers %.1f s after it", what, change.id, showing,
        active.size(), BOUND_SECONDS));
  }

  private Set<String> feedTitles(Container c) {
    Reply reply = send(c, "GET", "/feed.json", null);
    Set<String> titles = new HashSet<>();
    try {
      for (JsonNode item : JSON.readTree(reply.body()).get("items")) {
        titles.add(item.path("title").asText());
      }
    } catch (IOException e) {
      error("/feed.json did not parse: " + e.getMessage());
    }
    return titles;
  }

  /**
   * Polls of a watched URL that began more than the bound after a change and still carried what
   * was served before it (a 200 with an old ETag, or a 304 to an old one) are stale: errors.
   */
  private List<String> staleness(List<Seen> seen, List<Change> changes) {
    List<String> lines = new ArrayList<>();
    long bound = (long) (BOUND_SECONDS * 1e9);
    for (Change change : changes) {
      Map<String, Set<String>> before = new ConcurrentHashMap<>();
      for (Seen s : seen) {
        if (s.end() < change.at && s.got() != null) {
          before.computeIfAbsent(s.path(), k -> new HashSet<>()).add(s.got());
        }
      }
      long checked = 0;
      long stale = 0;
      double lastStale = 0;
      for (Seen s : seen) {
        if (s.start() <= change.at) {
          continue;
        }
        Set<String> old = before.getOrDefault(s.path(), Set.of());
        boolean oldAnswer = s.status() == 304 ? old.contains(s.sent()) : old.contains(s.got());
        if (s.start() > change.at + bound) {
          checked++;
          if (oldAnswer) {
            stale++;
          }
        } else if (oldAnswer) {
          lastStale = Math.max(lastStale, (s.start() - change.at) / 1e9);
        }
      }
      if (stale > 0) {
        error(stale + " polls still answered as before the " + change.what + " of " + change.id
            + " more than " + BOUND_SECONDS + " s after it");
      }
      lines.add(String.format("%s %s: %,d polls of the unfiltered feeds and /releases began more than %.1f s after it,"
          + " %d answered as before; the last old answer began %.2f s after it", change.what, change.id, checked,
          BOUND_SECONDS, stale, lastStale));
    }
    return lines;
  }

  private void error(String message) {
    errorCount.increment();
    if (errors.size() < 100) {
      errors.add(message);
    }
  }

  private static void at(long start, double secondsIn) {
    sleepNanos(start + (long) (secondsIn * 1e9) - System.nanoTime());
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What came back; {@code headerBytes} estimates the header block as it crosses the wire. */
  /** The bytes of an answer's status line and headers on the wire, as HTTP/1.1 writes them. */
  static int headerBytes(Reply reply) {
    int bytes = "HTTP/1.1 200 OK\r\n\r\n".length();
    for (Map.Entry<String, List<String>> e : reply.headers().entrySet()) {
      for (String v : e.getValue()) {
        bytes += e.getKey().length() + 2 + v.length() + 2;
      }
    }
    return bytes;
  }

  private Reply send(Container container, String method, String path, byte[] body, String... headers) {
    return RunningGateway.exchange(http,
        HttpRequest.newBuilder(URI.create(container.base() + path)).timeout(Duration.ofSeconds(30)),
        method, body, headers);
  }

  static String uptime() {
    try {
      return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(uptime: " + e.getMessage() + ")";
    }
  }

  static String f0(double v) {
    return String.format("%,.0f", v);
  }

  static String f1(double v) {
    return String.format("%,.1f", v);
  }

  static String f3(double v) {
    return String.format("%.3f", v);
  }

  static String pct(double v) {
    return String.format("%.1f%%", 100 * v);
  }
}
