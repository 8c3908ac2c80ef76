package dev.pressfeed.fuzz;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.ReleaseStore;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.RandomGenerator;

/**
 * A fuzz run: sessions of fuzzed requests, each against a new empty store, drawn from jqwik's
 * generators with a seeded {@link Random} so that a run is repeated exactly by its seed
 * ({@code -Dpressfeed.fuzz.seed=...}). Prints what it sent and how long it took.
 */
final class FuzzRun {

  /** A store for one session, closed (or dropped) after it. */
  interface Stores {
    ReleaseStore open(int session) throws Exception;

    void close(int session, ReleaseStore store) throws Exception;
  }

  record Totals(long requests, long accepted, long refused, long feedReads, long millis, long seed, int sessions,
      long[] nanos) {
    String line(String store) {
      return String.format("fuzz %s: %d requests (%d accepted writes, %d refused writes; %d feed reads after writes)"
          + " in %d sessions, %.1f s, %.0f requests/s, seed %d; seconds drawing %.1f, sending %.1f, fingerprinting %.1f,"
          + " reading feeds %.1f, HEAD's GET %.1f; CPU seconds of the fuzzing thread %.1f", store, requests, accepted, refused, feedReads,
          sessions, millis / 1000.0, requests * 1000.0 / Math.max(1, millis), seed, nanos[0] / 1e9, nanos[1] / 1e9,
          nanos[2] / 1e9, nanos[3] / 1e9, nanos[4] / 1e9, nanos[5] / 1e9);
    }
  }

  private FuzzRun() {}

  static long seed() {
    String given = System.getProperty("pressfeed.fuzz.seed");
    return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.strip());
  }

  static int count(String property, int fallback) {
    String given = System.getProperty(property);
    return given == null || given.isBlank() ? fallback : Integer.parseInt(given.strip());
  }

  static Totals run(Stores stores, int requests, int perSession, long seed, Findings findings) throws Exception {
    RandomGenerator<Probes.Plan> plans = Probes.plans().generator(1000, true);
    RandomGenerator<Bodies.Body> bodies = Bodies.body().generator(1000, true);
    Random random = new Random(seed);
    long started = System.nanoTime();
    long sent = 0;
    long accepted = 0;
    long refused = 0;
    long feedReads = 0;
    int session = 0;
    long[] nanos = new long[6];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    while (sent < requests) {
      ReleaseStore store = stores.open(session);
      try {
        TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
        Application application = new Application(Config.from(Map.of()), store, clock);
        FuzzSession desk = new FuzzSession(new InProcessGateway(application, clock), store, clock, findings);
        int n = (int) Math.min(perSession, requests - sent);
        for (int i = 0; i < n; i++) {
          long t = System.nanoTime();
          Probes.Plan plan = plans.next(random).value();
          if (plan.sendBody()) {
            plan = Probes.withBody(plan, bodies.next(random).value());
          }
          nanos[0] += System.nanoTime() - t;
          desk.run(plan);
        }
        nanos[1] += desk.sendNanos;
        nanos[2] += desk.fingerprintNanos;
        nanos[3] += desk.feedNanos;
        nanos[4] += desk.headNanos;
        sent += desk.requests;
        accepted += desk.acceptedWrites;
        refused += desk.refusedWrites;
        feedReads += desk.feedReads;
      } finally {
        stores.close(session, store);
      }
      session++;
    }
    nanos[5] = threads.getCurrentThreadCpuTime() - cpuStart;
    return new Totals(sent, accepted, refused, feedReads, (System.nanoTime() - started) / 1_000_000, seed, session, nanos);
  }

}
