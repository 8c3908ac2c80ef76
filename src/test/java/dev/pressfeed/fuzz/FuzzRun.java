package dev.pressfeed.fuzz;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.ReleaseStore;
import java.time.Instant;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.SplittableRandom;

/**
 * A fuzz run: sessions of fuzzed requests, each against a new empty store, drawn by
 * {@link Probes} and {@link Bodies} from a seeded {@link Dice} so that a run is repeated exactly
 * by its seed ({@code -Dpressfeed.fuzz.seed=...}). Prints what it sent and how long it took.
 */
final class FuzzRun {

  /** A store for one session, closed (or dropped) after it. */
  interface Stores {
    ReleaseStore open(int session) throws Exception;

    void close(int session, ReleaseStore store) throws Exception;
  }

  record Totals(long requests, long accepted, long refused, long feedReads, long millis, long seed, int sessions,
      long[] nanos, int threads) {
    String line(String store) {
      return String.format("fuzz %s: %d requests (%d accepted writes, %d refused writes; %d feed reads after writes)"
          + " in %d sessions on %d threads, %.1f s, %.0f requests/s, seed %d; seconds drawing (all workers) %.1f, sending (all workers) %.1f, fingerprinting %.1f,"
          + " reading feeds %.1f, HEAD's GET %.1f; CPU seconds of the workers %.1f", store, requests, accepted, refused, feedReads,
          sessions, threads, millis / 1000.0, requests * 1000.0 / Math.max(1, millis), seed, nanos[0] / 1e9, nanos[1] / 1e9,
          nanos[2] / 1e9, nanos[3] / 1e9, nanos[4] / 1e9, nanos[5] / 1e9);
    }
  }

  private FuzzRun() {}

  static long seed() {
    String given = System.getProperty("pressfeed.fuzz.seed");
    return given == null || given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.strip());
  }

  static int count(String property, int fallback) {
    String given = System.getProperty(property);
    return given == null || given.isBlank() ? fallback : Integer.parseInt(given.strip());
  }

  /**
   * Runs sessions on {@code pressfeed.fuzz.threads} workers (default: one per core, at most 2),
   * each drawing its own requests from its own {@link Dice}, split from the run's in session
   * order: the same seed draws the same requests whichever worker runs a session.
   */
  static Totals run(Stores stores, int requests, int perSession, long seed, Findings findings) throws Exception {
    Dice run = new Dice(seed);
    int threads = count("pressfeed.fuzz.threads", Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    Semaphore inFlight = new Semaphore(threads + 1);
    List<Future<long[]>> done = new ArrayList<>();
    long started = System.nanoTime();
    int sessions = 0;
    try {
      for (long drawn = 0; drawn < requests; drawn += perSession) {
        int size = (int) Math.min(perSession, requests - drawn);
        Dice dice = run.split();
        int number = sessions++;
        inFlight.acquire();
        done.add(workers.submit(() -> {
          try {
            return runSession(stores, number, dice, size, findings);
          } finally {
            inFlight.release();
          }
        }));
      }
      long[] sum = new long[10];
      for (Future<long[]> f : done) {
        long[] one = f.get();
        for (int i = 0; i < sum.length; i++) {
          sum[i] += one[i];
        }
      }
      return new Totals(sum[0], sum[1], sum[2], sum[3], (System.nanoTime() - started) / 1_000_000, seed, sessions,
          new long[] {sum[9], sum[4], sum[5], sum[6], sum[7], sum[8]}, threads);
    } finally {
      workers.shutdownNow();
    }
  }

  /** One session's requests: each plan drawn, then its body when it sends one. */
  static List<Probes.Plan> draw(Dice dice, int size) {
    List<Probes.Plan> plans = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Probes.Plan plan = Probes.plan(dice);
      plans.add(plan.sendBody() ? Probes.withBody(plan, Bodies.body(dice)) : plan);
    }
    return plans;
  }

  private static long[] runSession(Stores stores, int number, Dice dice, int size, Findings findings) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    List<Probes.Plan> plans = draw(dice, size);
    long drawing = System.nanoTime() - t;
    ReleaseStore store = stores.open(number);
    try {
      TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
      Application application = new Application(Config.from(Map.of()), store, clock);
      FuzzSession desk = new FuzzSession(new InProcessGateway(application, clock), store, clock, findings);
      for (Probes.Plan plan : plans) {
        desk.run(plan);
      }
      return new long[] {desk.requests, desk.acceptedWrites, desk.refusedWrites, desk.feedReads, desk.sendNanos,
          desk.fingerprintNanos, desk.feedNanos, desk.headNanos, cpu.getCurrentThreadCpuTime() - cpuStart, drawing};
    } finally {
      stores.close(number, store);
    }
  }
}
