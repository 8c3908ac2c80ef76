package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.store.dynamodb.BulkWrite;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * What {@code GET /sitemap.xml} costs in DynamoDB calls, bytes and read units over an archive of
 * 2 000 releases (ten of them from the last two days), against reading the same archive through
 * the published index, whose entries are whole releases. Prints the figures for the docs.
 */
class SitemapReadCostIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  static final int RELEASES = 2_000;
  static final int RECENT = 10;
  static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

  /** One read: its calls, items, response bytes and read request units (DynamoDB's arithmetic). */
  record Cost(List<String> operations, int items, long bytes, double units, long millis, int status) {}

  @Test
  void theSitemapReadsTheSmallArchiveIndexOncePerEditionAndOnlyTheWindowsReleases() {
    CallMeter meter = new CallMeter();
    List<Double> units = new CopyOnWriteArrayList<>();
    String table = "sitemap-cost-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(meter).addExecutionInterceptor(readUnits(units)))
        .build()) {
      DynamoClients.createTableIfMissing(client, table);
      DynamoReleaseStore store = new DynamoReleaseStore(client, table);
      Rendering rendering = Composer.compose(Fixtures.seedInput());
      List<Release> archive = new ArrayList<>();
      for (int i = 0; i < RELEASES; i++) {
        Instant at = i >= RELEASES - RECENT
            ? NOW.minus(Duration.ofHours(3L * (RELEASES - i)))
            : NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(6L * (RELEASES - i)));
        String id = "2026-01-01-meldung-" + i;
        archive.add(new Release(id, "urn:uuid:" + UUID.randomUUID(),
            Fixtures.input("Meldung " + i + " über die Förderung", null, List.of("thema-" + i % 10), "de-DE"),
            Release.State.PUBLISHED, at, at, at, 1, rendering));
      }
      BulkWrite.releases(client, table, archive);

      TestClock clock = new TestClock(NOW);
      Newsroom newsroom = new Newsroom(store, clock);
      Map<String, Cost> costs = new LinkedHashMap<>();
      Router cold = new SitemapApi(newsroom, "Pressestelle", 300).addTo(new Router());
      Response first = measure(costs, "sitemap, new container", meter, units,
          () -> cold.handle(get(Map.of())));
      String etag = first.headers().get("ETag");
      measure(costs, "sitemap again, no validators", meter, units, () -> cold.handle(get(Map.of())));
      measure(costs, "sitemap, If-None-Match (304)", meter, units,
          () -> cold.handle(get(Map.of("if-none-match", etag))));
      Router another = new SitemapApi(newsroom, "Pressestelle", 300).addTo(new Router());
      measure(costs, "304 in a new container", meter, units,
          () -> another.handle(get(Map.of("if-none-match", etag))));
      measure(costs, "robots.txt", meter, units, () -> cold.handle(new Request("GET", "/robots.txt",
          Map.of(), Map.of(), null, Optional.empty(), SitemapContract.BASE)));
      measure(costs, "every release via `published`", meter, units, () -> {
        Optional<SortKey> after = Optional.empty();
        int read = 0;
        do {
          Page page = store.published(ReleaseFilter.NONE, after, 100, NOW);
          read += page.items().size();
          after = page.next();
        } while (after.isPresent());
        return new Response(read == RELEASES ? 200 : 500, Map.of(), new byte[0]);
      });

      StringBuilder out = new StringBuilder(String.format("%n%s releases, %s from the last two days; sitemap %d bytes%n%-34s | %-22s | %5s | %10s | %7s | %6s%n",
          RELEASES, RECENT, first.body().length, "read", "DynamoDB calls", "items", "bytes", "RRU", "ms"));
      costs.forEach((name, c) -> out.append(String.format("%-34s | %-22s | %5d | %10d | %7.1f | %6d%n", name,
          summary(c.operations()), c.items(), c.bytes(), c.units(), c.millis())));
      System.out.println(out);

      assertThat(first.status()).isEqualTo(200);
      assertThat(SitemapContract.locs(SitemapContract.xml(first))).hasSize(RELEASES + 1);
      assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("news:news");
      Cost cold1 = costs.get("sitemap, new container");
      // The feed state, the archive index (a megabyte a Query), the window's releases.
      assertThat(cold1.operations()).first().isEqualTo("GetItem");
      assertThat(cold1.operations()).last().isEqualTo("Query");
      assertThat(cold1.operations()).doesNotContain("Scan", "BatchGetItem");
      // No feed state item (the archive was written past the newsroom): every release's index
      // entry, and the window's releases.
      assertThat(cold1.items()).isEqualTo(RELEASES + RECENT);
      Cost naive = costs.get("every release via `published`");
      assertThat(naive.status()).isEqualTo(200);
      assertThat(cold1.bytes()).as("a fraction of the archive read whole").isLessThan(naive.bytes() / 10);
      assertThat(cold1.units()).isLessThan(naive.units() / 10);
      assertThat(costs.get("sitemap again, no validators").operations()).containsExactly("GetItem");
      assertThat(costs.get("sitemap, If-None-Match (304)").operations()).containsExactly("GetItem");
      assertThat(costs.get("sitemap, If-None-Match (304)").status()).isEqualTo(304);
      assertThat(costs.get("304 in a new container").status()).isEqualTo(304);
      assertThat(costs.get("304 in a new container").operations())
          .as("a 304 costs the feed state's read in any container (SPEC §5)").containsExactly("GetItem");
      assertThat(costs.get("robots.txt").operations()).isEmpty();
    } finally {
      try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
        client.deleteTable(r -> r.tableName(table));
      } catch (ResourceNotFoundException deletedByAnEarlierAttempt) {
        // dynalite may take longer than an attempt to drop 20 MB; the SDK's retry then finds it gone
      }
    }
  }

  private static Request get(Map<String, String> headers) {
    return new Request("GET", "/sitemap.xml", Map.of(), headers, null, Optional.empty(), SitemapContract.BASE);
  }

  private static Response measure(Map<String, Cost> costs, String name, CallMeter meter, List<Double> units,
      java.util.function.Supplier<Response> read) {
    meter.reset();
    units.clear();
    long start = System.nanoTime();
    Response response = read.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<CallMeter.Call> calls = meter.calls();
    costs.put(name, new Cost(calls.stream().map(CallMeter.Call::operation).toList(),
        calls.stream().mapToInt(CallMeter.Call::items).sum(),
        calls.stream().mapToLong(CallMeter.Call::bytes).sum(),
        units.stream().mapToDouble(Double::doubleValue).sum(), millis, response.status()));
    return response;
  }

  private static String summary(List<String> operations) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    operations.forEach(o -> counts.merge(o, 1, Integer::sum));
    return counts.isEmpty() ? "none" : String.join(" + ", counts.entrySet().stream()
        .map(e -> e.getValue() == 1 ? e.getKey() : e.getValue() + " × " + e.getKey()).toList());
  }

  /**
   * Read request units as DynamoDB charges them: a Query's returned items' sizes summed and
   * rounded up to 4 KB, half a unit each (eventually consistent); a strongly consistent GetItem
   * one unit per 4 KB. Item sizes: attribute names and values in bytes, a number about one byte
   * per two digits.
   */
  private static ExecutionInterceptor readUnits(List<Double> units) {
    return new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse q) {
          long bytes = q.items().stream().mapToLong(SitemapReadCostIT::size).sum();
          units.add(0.5 * Math.max(1, Math.ceil(bytes / 4096.0)));
        } else if (context.response() instanceof GetItemResponse g) {
          long bytes = g.hasItem() ? size(g.item()) : 0;
          units.add(Math.max(1, Math.ceil(bytes / 4096.0)));
        }
      }
    };
  }

  static long size(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
    }
    return bytes;
  }

  private static long size(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value.n() != null) {
      return value.n().replaceAll("[^0-9]", "").replaceFirst("^0+(?=.)", "").length() / 2 + 1;
    }
    if (value.hasL()) {
      return 3 + value.l().stream().mapToLong(v -> 1 + size(v)).sum();
    }
    if (value.hasM()) {
      return 3 + size(value.m()) + value.m().size();
    }
    return 1;
  }
}
