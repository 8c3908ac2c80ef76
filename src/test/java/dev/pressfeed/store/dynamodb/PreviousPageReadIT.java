package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * What finding where the page before starts ({@code newerBy}) reads on DynamoDB (dynalite):
 * keys only, the page's worth of them whatever the archive holds; outdated filter entries
 * neither counted nor handed out as a cursor; a Query cut at 1 MB read on.
 */
class PreviousPageReadIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
  static final int PAGE = 20;

  private final TestClock clock = new TestClock(START);
  private final CallMeter meter = new CallMeter();
  /** Read capacity each call consumed, as DynamoDB bills it (dynalite computes it alike). */
  private final List<Double> capacity = new CopyOnWriteArrayList<>();
  private DynamoDbClient client;
  private String tableName;
  private DynamoReleaseStore store;
  private Newsroom newsroom;

  @BeforeEach
  void openTable() {
    client = DYNALITE.clientBuilder().overrideConfiguration(c -> c
        .addExecutionInterceptor(meter)
        .addExecutionInterceptor(new CapacityMeter())).build();
    tableName = "previous-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    store = new DynamoReleaseStore(client, tableName);
    newsroom = new Newsroom(store, clock);
  }

  /**
   * Dropping a table of a thousand releases can take dynalite longer than the one second a
   * request's call may wait (Waits): this is no request, so it waits as long as it takes.
   */
  @AfterEach
  void dropTable() {
    client.deleteTable(r -> r.tableName(tableName).overrideConfiguration(c -> c
        .apiCallTimeout(Duration.ofSeconds(60)).apiCallAttemptTimeout(Duration.ofSeconds(60))));
    client.close();
  }

  @Test
  void outdatedFilterEntriesNeitherCountNorBecomeACursor() {
    List<Release> created = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      created.add(newsroom.create(Fixtures.input("Meldung " + i,
          START.minus(Duration.ofHours(6 - i)).toString(), List.of("Rat"), "de")));
    }
    Release edited = created.get(1);
    Release rescheduled = created.get(2);
    Release retracted = created.get(3);
    Release unpublished = created.get(4);
    clock.advance(Duration.ofMinutes(1));
    assertThat(newsroom.save(newsroom.revise(edited, Fixtures.input("Meldung 1 korrigiert",
        edited.input().publishAt(), List.of("Rat"), "de")))).isTrue();
    assertThat(newsroom.save(newsroom.revise(rescheduled, Fixtures.input("Meldung 2",
        START.plus(Duration.ofHours(1)).toString(), List.of("Rat"), "de")))).isTrue();
    assertThat(newsroom.save(newsroom.retract(retracted))).isTrue();
    assertThat(newsroom.save(newsroom.revise(unpublished, Fixtures.draft(unpublished.input()))))
        .isTrue();
    // What each write leaves when deleting its predecessor's entries is throttled (the write
    // stands; see DynamoReleaseStore.replace): the outdated entries, among them the old place
    // of a release now embargoed to a later time. And what a crash before a release write
    // leaves: entries of a version never stored, of a release never stored.
    for (Release outdated : List.of(edited, rescheduled, retracted, unpublished)) {
      putRaw(ReleaseTable.filterEntry("t:rat", outdated.publicSortKey().value(), outdated.version()));
    }
    putRaw(ReleaseTable.filterEntry("t:rat", created.get(5).publicSortKey().value(), 9));
    putRaw(ReleaseTable.filterEntry("t:rat",
        SortKey.of(START.minus(Duration.ofMinutes(90)), "2024-03-01-nie-gespeichert").value(), 1));
    ReleaseFilter rat = new ReleaseFilter("rat", null);
    SortKey oldest = created.get(0).publicSortKey();

    List<Optional<SortKey>> found = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      found.add(store.newerBy(rat, oldest, n, clock.instant()));
    }

    assertThat(found).containsExactly(Optional.of(edited.publicSortKey()),
        Optional.of(created.get(5).publicSortKey()), Optional.empty());
    assertThat(store.newerBy(ReleaseFilter.NONE, oldest, 2, clock.instant()))
        .as("the published index holds current keys only").contains(created.get(5).publicSortKey());
    assertThat(store.published(rat, Optional.empty(), 10, clock.instant()).items())
        .extracting(Release::id).containsExactly(created.get(5).id(), edited.id(), created.get(0).id());
  }

  @Test
  void theLargestReleasesCostTheArchiveIndexsFewBytesEach() {
    // Releases of about 300 kB each: on the published index (projection ALL) four are more than
    // DynamoDB reads for one Query, and each would be billed at its size. The archive index
    // holds a few hundred bytes of each: one Query. (The largest an editor can send are 260 kB
    // of four-byte characters, but dynalite counts characters where DynamoDB counts bytes: ASCII
    // text stands in.)
    ReleaseInput seed = Fixtures.input("Lang", null, List.of(), "de");
    ReleaseInput largest = new ReleaseInput(seed.title(), seed.subtitle(), seed.summary(),
        "Lang. ".repeat(50_000), seed.language(), seed.status(), seed.publishAt(),
        seed.location(), seed.tags(), seed.organization(), seed.contacts(), seed.links(),
        seed.about(), seed.attachments());
    List<Release> created = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Instant at = START.minus(Duration.ofHours(6 - i));
      Release release = new Release("2024-03-01-lang-" + i, "urn:uuid:" + UUID.randomUUID(),
          largest, Release.State.PUBLISHED, at, at, at, 1);
      assertThat(store.insert(release)).isTrue();
      created.add(release);
    }

    meter.reset();
    Optional<SortKey> fifth = store.newerBy(ReleaseFilter.NONE, created.get(0).publicSortKey(), 5,
        clock.instant());

    assertThat(fifth).contains(created.get(5).publicSortKey());
    assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("Query");
    assertThat(meter.calls().get(0).items()).isEqualTo(5);
  }

  /**
   * The page before, found over an archive of 100 releases and one of 1 000: one Query of
   * {@value #PAGE} keys unfiltered; filtered one Query of as many entries and one BatchGetItem
   * of their releases' versions and keys. Bytes the same whatever the archive; printed beside
   * what the page itself reads.
   */
  @Test
  void thePageBeforeCostsAPageOfKeysWhateverTheArchiveHolds() {
    Map<String, Cost> small = measure(100);
    dropTable();
    openTable();
    Map<String, Cost> large = measure(1_000);

    StringBuilder table = new StringBuilder(String.format(
        "%n%-34s | %-28s | %-28s%n%-34s | %-28s | %-28s%n", "read (store call)", "100 releases",
        "1 000 releases", "", "calls items bytes RCU", "calls items bytes RCU"));
    small.forEach((name, s) -> table.append(String.format("%-34s | %s | %s%n", name, s, large.get(name))));
    System.out.println(table);

    for (String name : List.of("page before, unfiltered", "page before, tag", "page before, lang")) {
      assertThat(large.get(name).bytes()).as(name + ": bytes")
          .isLessThanOrEqualTo(small.get(name).bytes() + 256);
      assertThat(large.get(name).operations()).as(name).isEqualTo(small.get(name).operations());
    }
    Cost unfiltered = large.get("page before, unfiltered");
    assertThat(unfiltered.operations()).containsExactly("Query");
    assertThat(unfiltered.items()).isEqualTo(PAGE);
    assertThat(unfiltered.bytes()).as("keys only").isLessThan(PAGE * 120);
    for (String name : List.of("page before, tag", "page before, lang")) {
      Cost filtered = large.get(name);
      assertThat(filtered.operations()).as(name).containsExactly("Query", "BatchGetItem");
      assertThat(filtered.items()).as(name).isEqualTo(2 * PAGE);
      assertThat(filtered.bytes()).as(name + ": keys only").isLessThan(2 * PAGE * 150);
    }
  }

  /** One read: the store calls it made, their items, response bytes and read capacity. */
  record Cost(List<String> operations, int items, long bytes, double capacity) {
    @Override
    public String toString() {
      return String.format("%5d %5d %5d %5.1f", operations.size(), items, bytes, capacity);
    }
  }

  private Map<String, Cost> measure(int releases) {
    Rendering rendering = Composer.compose(Fixtures.seedInput());
    String[] languages = {"de", "en", "fr", "de-DE"};
    List<Release> created = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      Instant at = START.minus(Duration.ofMinutes(releases - i));
      List<String> tags = List.of("thema-" + i % 4, "Förderung");
      ReleaseInput input = Fixtures.input("Meldung " + i, null, tags, languages[i % 4]);
      Release release = new Release("2024-03-01-meldung-" + i, "urn:uuid:" + UUID.randomUUID(),
          input, Release.State.PUBLISHED, at, at, at, 1, rendering);
      assertThat(store.insert(release)).isTrue();
      created.add(release);
    }
    // The cursor of a page well inside the archive, a release every filter below lists (de,
    // Förderung): the page before is full, and more lie above.
    int middle = releases / 2 / 4 * 4;
    SortKey cursor = created.get(middle).publicSortKey();
    Instant now = clock.instant();
    Map<String, Cost> costs = new LinkedHashMap<>();
    costs.put("page before, unfiltered", metered(() -> store.newerBy(ReleaseFilter.NONE, cursor, PAGE, now)));
    costs.put("page before, tag", metered(() -> store.newerBy(new ReleaseFilter("förderung", null), cursor, PAGE, now)));
    costs.put("page before, lang", metered(() -> store.newerBy(new ReleaseFilter(null, "de"), cursor, PAGE, now)));
    costs.put("the page itself, unfiltered", metered(() -> store.published(ReleaseFilter.NONE, Optional.of(cursor), PAGE, now)));
    costs.put("the page itself, tag", metered(() -> store.published(new ReleaseFilter("förderung", null), Optional.of(cursor), PAGE, now)));
    assertThat(store.newerBy(ReleaseFilter.NONE, cursor, PAGE, now))
        .contains(created.get(middle + PAGE).publicSortKey());
    Page before = store.published(new ReleaseFilter(null, "de"),
        store.newerBy(new ReleaseFilter(null, "de"), cursor, PAGE, now), PAGE, now);
    assertThat(before.items()).hasSize(PAGE);
    assertThat(before.next()).contains(cursor);
    return costs;
  }

  private Cost metered(Supplier<?> read) {
    meter.reset();
    capacity.clear();
    read.get();
    List<CallMeter.Call> calls = meter.calls();
    return new Cost(calls.stream().map(CallMeter.Call::operation).toList(),
        calls.stream().mapToInt(CallMeter.Call::items).sum(),
        calls.stream().mapToLong(CallMeter.Call::bytes).sum(),
        capacity.stream().mapToDouble(Double::doubleValue).sum());
  }

  private void putRaw(Map<String, AttributeValue> item) {
    client.putItem(r -> r.tableName(tableName).item(item));
  }

  /** Asks each read for the capacity it consumed and notes it. */
  private final class CapacityMeter implements ExecutionInterceptor {
    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      if (context.request() instanceof QueryRequest query) {
        return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      }
      if (context.request() instanceof BatchGetItemRequest batch) {
        return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      }
      return context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (context.response() instanceof QueryResponse query && query.consumedCapacity() != null) {
        capacity.add(query.consumedCapacity().capacityUnits());
      }
      if (context.response() instanceof BatchGetItemResponse batch && batch.hasConsumedCapacity()) {
        capacity.add(batch.consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum());
      }
    }
  }
}
