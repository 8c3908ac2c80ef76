package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a filtered read costs in DynamoDB calls and bytes, over an archive of 250 releases and one
 * of 1 000: a page's worth either way (SPEC §5), and one small read for a tag nobody uses.
 * Releases are written straight through the store (fast); reads go through the gateway, as a
 * reader's would. Prints the figures as a table for the README.
 */
class FilteredReadCostIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  static final int LARGE = 1_000;
  /** Small, yet with a full feed page (21 of 20) of the known tag. */
  static final int SMALL = 250;
  static final String RANDOM_TAG = "zufall-" + UUID.randomUUID();

  /** Each read: path → what it cost. */
  record Cost(List<String> operations, int items, long bytes, long millis, int status) {
    int calls() {
      return operations.size();
    }
  }

  static final Map<String, String> READS = new LinkedHashMap<>();

  static {
    READS.put("unknown tag, list", "/releases?tag=" + RANDOM_TAG + "&limit=1");
    READS.put("known tag, list", "/releases?tag=thema-3&limit=1");
    READS.put("known tag (other case), list", "/releases?tag=F%C3%B6rderung&limit=1");
    READS.put("lang, list", "/releases?lang=fr&limit=1");
    READS.put("tag+lang, list", "/releases?tag=thema-3&lang=de&limit=1");
    READS.put("rare tag+lang, list", "/releases?tag=selten&lang=de&limit=1");
    READS.put("unknown tag, RSS", "/feed.rss?tag=" + RANDOM_TAG);
    READS.put("known tag, RSS", "/feed.rss?tag=thema-3");
  }

  @Test
  void aFilteredReadCostsAPageWhateverTheArchiveHolds() throws Exception {
    Map<String, Cost> small = measure(SMALL);
    Map<String, Cost> large = measure(LARGE);

    StringBuilder table = new StringBuilder(String.format(
        "%n%-30s | %28s | %28s%n%-30s | %5s %5s %9s %6s | %5s %5s %9s %6s%n",
        "read (DynamoDB calls of the request)", SMALL + " releases", LARGE + " releases",
        "", "calls", "items", "bytes", "ms", "calls", "items", "bytes", "ms"));
    READS.forEach((name, path) -> {
      Cost s = small.get(name);
      Cost l = large.get(name);
      table.append(String.format("%-30s | %5d %5d %9d %6d | %5d %5d %9d %6d%n", name,
          s.calls(), s.items(), s.bytes(), s.millis(), l.calls(), l.items(), l.bytes(), l.millis()));
    });
    System.out.println(table);

    for (String name : READS.keySet()) {
      Cost s = small.get(name);
      Cost l = large.get(name);
      assertThat(l.status()).as(name).isEqualTo(200);
      // One GetItem of the feed state, one Query of the filter index, one BatchGetItem of the
      // page's releases: the same three calls over 40 or 1 000 releases.
      assertThat(l.calls()).as(name + ": calls").isLessThanOrEqualTo(3).isEqualTo(s.calls());
      assertThat(l.bytes()).as(name + ": bytes over " + LARGE + " vs " + SMALL + " releases")
          .isLessThanOrEqualTo(s.bytes() + 2048);
    }
    for (String name : List.of("unknown tag, list", "unknown tag, RSS")) {
      Cost l = large.get(name);
      // The feed state's GetItem (no item: nothing was written through the newsroom) and one
      // Query of the filter index that finds nothing: a few dozen bytes.
      assertThat(l.operations()).as(name).containsExactly("GetItem", "Query");
      assertThat(l.items()).as(name).isZero();
      assertThat(l.bytes()).as(name).isLessThan(1024);
    }
    for (String name : READS.keySet()) {
      if (!name.startsWith("unknown")) {
        assertThat(large.get(name).operations()).as(name)
            .containsExactly("GetItem", "Query", "BatchGetItem");
      }
    }
  }

  /** Builds an archive of {@code releases} releases and meters each read once. */
  private static Map<String, Cost> measure(int releases) throws Exception {
    CallMeter meter = new CallMeter();
    String table = "filtered-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build()) {
      DynamoClients.createTableIfMissing(client, table);
      DynamoReleaseStore store = new DynamoReleaseStore(client, table);
      try (RunningGateway api = new RunningGateway(store)) {
        // Straight into the store, one rendering for all (the seed's body): a release write
        // as the newsroom makes it, without composing 1 000 times.
        Instant first = api.clock.instant().minus(Duration.ofDays(releases));
        Rendering rendering = Composer.compose(Fixtures.seedInput());
        String[] languages = {"de", "de-DE", "en", "fr"};
        for (int i = 0; i < releases; i++) {
          List<String> tags = i % 7 == 0 ? List.of("thema-" + i % 10, "Förderung")
              : List.of("thema-" + i % 10);
          if (i == 0) {
            tags = List.of("selten", "thema-0"); // the oldest: behind every other
          }
          Instant at = first.plus(Duration.ofMinutes(i));
          ReleaseInput input = Fixtures.input("Meldung " + i, null, tags, languages[i % 4]);
          assertThat(store.insert(new Release("2026-01-01-meldung-" + i, "urn:uuid:" + UUID.randomUUID(),
              input, Release.State.PUBLISHED, at, at, at, 1, rendering))).isTrue();
        }
        api.get("/releases?limit=1"); // the first request of a JVM pays for class loading
        Map<String, Cost> costs = new LinkedHashMap<>();
        for (Map.Entry<String, String> read : READS.entrySet()) {
          // Each read in a container whose copy of the feed state is a second old.
          api.clock.advance(CachingReleaseStore.STALENESS);
          meter.reset();
          long start = System.nanoTime();
          Reply reply = api.get(read.getValue());
          long millis = (System.nanoTime() - start) / 1_000_000;
          List<CallMeter.Call> calls = meter.calls();
          costs.put(read.getKey(), new Cost(calls.stream().map(CallMeter.Call::operation).toList(),
              calls.stream().mapToInt(CallMeter.Call::items).sum(),
              calls.stream().mapToLong(CallMeter.Call::bytes).sum(), millis, reply.status()));
        }
        return costs;
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }
}
