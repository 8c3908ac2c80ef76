package dev.pressfeed.store.dynamodb;

import dev.pressfeed.Loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pressfeed.Fixtures;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.StoreUnavailableException;
import dev.pressfeed.store.ReleaseStoreContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The DynamoDB store against a real DynamoDB-compatible server (dynalite), one table per test. */
class DynamoReleaseStoreIT extends ReleaseStoreContract {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  /** Every operation the store's client sent, in order. */
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private DynamoDbClient client;
  private String tableName;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context,
              ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        }))
        .build();
    tableName = "releases-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    operations.clear();
    return new DynamoReleaseStore(client, tableName);
  }

  @AfterEach
  void dropTable() {
    client.deleteTable(r -> r.tableName(tableName));
    client.close();
  }

  @Test
  void anUnfilteredPageIsOneQueryAndNeverAScan() {
    for (int i = 0; i < 25; i++) {
      newsroom.create(Fixtures.input("Meldung " + i, null, List.of(), "de"));
      clock.advance(Duration.ofMinutes(1));
    }

    operations.clear();
    Page first = store.published(ReleaseFilter.NONE, Optional.empty(), 20, clock.instant());
    assertThat(operations).containsExactly("Query");

    operations.clear();
    Page second = store.published(ReleaseFilter.NONE, first.next(), 20, clock.instant());
    assertThat(operations).containsExactly("Query");
    assertThat(first.items()).hasSize(20);
    assertThat(second.items()).hasSize(5);

    operations.clear();
    store.forEditors(EditorView.ALL, Optional.empty(), 20, clock.instant());
    store.feedState();
    assertThat(operations).as("a conditional GET reads one small item, never a Query")
        .containsExactly("Query", "GetItem");
  }

  @Test
  void theArchiveIsOneQueryOfItsSmallIndexAndTheWindowOneQueryOfItsReleases() {
    for (int i = 0; i < 30; i++) {
      newsroom.create(Fixtures.input("Meldung " + i, null, List.of("Förderung"), "de"));
      clock.advance(Duration.ofHours(6));
    }
    List<String> indexes = new CopyOnWriteArrayList<>();
    List<Long> bytes = new CopyOnWriteArrayList<>();
    try (DynamoDbClient metered = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest q) {
              indexes.add(q.indexName());
            }
            bytes.add(context.httpResponse().firstMatchingHeader("Content-Length")
                .map(Long::parseLong).orElseThrow());
          }
        })).build()) {
      DynamoReleaseStore archiveStore = new DynamoReleaseStore(metered, tableName);

      assertThat(archiveStore.archive(clock.instant())).hasSize(30);
      assertThat(indexes).containsExactly(ReleaseTable.ARCHIVE_INDEX);
      // Each entry is its keys, version and updatedAt: no document, no rendering.
      assertThat(bytes.get(0)).isLessThan(30 * 300L);

      indexes.clear();
      bytes.clear();
      List<Release> recent = archiveStore.publishedSince(clock.instant().minus(Duration.ofDays(2)), 1000,
          clock.instant());
      assertThat(recent).hasSize(8);
      assertThat(indexes).containsExactly(ReleaseTable.PUBLISHED_INDEX);
      long oneRelease = ReleaseTable.item(recent.get(0)).get(ReleaseTable.DOC).s().length();
      assertThat(bytes.get(0)).as("the window's 8 releases, not the archive's 30")
          .isLessThan(16 * oneRelease);
    }
  }

  @Test
  void aTableFromBeforeTheArchiveIndexMakesTheArchiveUnavailableNotAFailure() {
    String before = "before-archive-" + UUID.randomUUID();
    CreateTableRequest full = ReleaseTable.createTableRequest(before);
    client.createTable(full.toBuilder().globalSecondaryIndexes(full.globalSecondaryIndexes().stream()
        .filter(i -> !i.indexName().equals(ReleaseTable.ARCHIVE_INDEX)).toList()).build());
    try {
      DynamoClients.createTableIfMissing(client, before); // waits until it is active
      DynamoReleaseStore old = new DynamoReleaseStore(client, before);
      assertThatThrownBy(() -> old.archive(clock.instant()))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("archive index");
      assertThat(old.publishedSince(clock.instant().minus(Duration.ofDays(2)), 10, clock.instant())).isEmpty();
    } finally {
      client.deleteTable(r -> r.tableName(before));
    }
  }

  @Test
  void aFilteredPageIsOneQueryOfTheFilterIndexAndOneBatchReadOfItsReleases() {
    for (int i = 0; i < 12; i++) {
      newsroom.create(Fixtures.input("Meldung " + i, null, List.of(i == 0 ? "selten" : "oft"), "de"));
      clock.advance(Duration.ofMinutes(1));
    }

    operations.clear();
    Page page = store.published(new ReleaseFilter("selten", null), Optional.empty(), 3,
        clock.instant());
    assertThat(page.items()).hasSize(1);
    assertThat(operations).containsExactly("Query", "BatchGetItem");

    operations.clear();
    assertThat(store.published(new ReleaseFilter("nirgends", null), Optional.empty(), 3,
        clock.instant()).items()).isEmpty();
    assertThat(operations).as("an unknown tag").containsExactly("Query");

    operations.clear();
    assertThat(store.published(new ReleaseFilter("oft", "x|t:oft"), Optional.empty(), 3,
        clock.instant()).items()).isEmpty();
    assertThat(store.published(new ReleaseFilter("ß".repeat(200), null), Optional.empty(), 3,
        clock.instant()).items()).isEmpty();
    assertThat(operations).as("filters no stored release can pass read nothing").isEmpty();
  }

  @Test
  void entriesExistForPublishedVersionsOnlyAndGoWithTheVersionThatOutdatesThem() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null,
        List.of("Förderung"), "de-DE")));
    assertThat(filterEntries()).isEmpty();

    Release published = newsroom.revise(draft, Fixtures.input("Entwurf", null,
        List.of("Förderung"), "de-DE"));
    assertThat(newsroom.save(published)).isTrue();
    assertThat(filterEntries()).extracting(e -> e.get(ReleaseTable.FILTER_PK).s())
        .containsExactlyInAnyOrder("t:förderung", "l:de", "l:de-de", "l:de|t:förderung",
            "l:de-de|t:förderung");
    assertThat(filterEntries()).allSatisfy(e -> {
      assertThat(e.get(ReleaseTable.FILTER_SK).s()).isEqualTo(published.publicSortKey().value());
      assertThat(e.get(ReleaseTable.VERSION).n()).isEqualTo(Long.toString(published.version()));
    });

    clock.advance(Duration.ofMinutes(1));
    Release english = newsroom.revise(published, Fixtures.input("Entwurf", null, List.of(), "en"));
    assertThat(newsroom.save(english)).isTrue();
    assertThat(filterEntries()).extracting(e -> e.get(ReleaseTable.FILTER_PK).s())
        .containsExactly("l:en");

    assertThat(newsroom.save(newsroom.retract(english))).isTrue();
    assertThat(filterEntries()).isEmpty();
  }

  @Test
  void aLostWriteTakesBackOnlyTheEntriesTheStoredVersionDoesNotNeed() {
    Release v1 = newsroom.create(Fixtures.input("Meldung", null, List.of("a"), "de"));
    Release winner = newsroom.revise(v1, Fixtures.input("Meldung", null, List.of("a", "b"), "de"));
    Release loser = newsroom.revise(v1, Fixtures.input("Meldung", null, List.of("a", "c"), "de"));
    assertThat(newsroom.save(winner)).isTrue();

    assertThat(newsroom.save(loser)).isFalse();

    assertThat(filterEntries()).extracting(e -> e.get(ReleaseTable.FILTER_PK).s())
        .containsExactlyInAnyOrder("t:a", "t:b", "l:de", "l:de|t:a", "l:de|t:b");
    assertThat(store.published(new ReleaseFilter("b", null), Optional.empty(), 5, clock.instant())
        .items()).extracting(Release::version).containsExactly(2L);
  }

  @Test
  void entriesLeftByACrashBeforeTheReleaseWriteAreSkippedAndPagesStayFull() {
    List<Release> created = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newsroom.create(Fixtures.input("Meldung " + i, null, List.of("thema"), "de")));
      clock.advance(Duration.ofMinutes(1));
    }
    // What a writer that crashed after its entries leaves: entries of a version never stored,
    // newer than every release, and entries of a release that was never written at all.
    Release newest = created.get(4);
    for (int i = 0; i < 4; i++) {
      putRaw(ReleaseTable.filterEntry("t:thema", newest.publicSortKey().value(), 7 + i));
      putRaw(ReleaseTable.filterEntry("t:thema",
          dev.pressfeed.release.SortKey.of(clock.instant(), "2024-03-01-nie-gespeichert-" + i)
              .value(), 1));
    }

    Page first = store.published(new ReleaseFilter("thema", null), Optional.empty(), 2,
        clock.instant());
    Page second = store.published(new ReleaseFilter("thema", null), first.next(), 2,
        clock.instant());
    Page third = store.published(new ReleaseFilter("thema", null), second.next(), 2,
        clock.instant());

    assertThat(first.items()).extracting(Release::id)
        .containsExactly(created.get(4).id(), created.get(3).id());
    assertThat(second.items()).extracting(Release::id)
        .containsExactly(created.get(2).id(), created.get(1).id());
    assertThat(third.items()).extracting(Release::id).containsExactly(created.get(0).id());
    assertThat(third.next()).isEmpty();
  }

  @Test
  void releasesWrittenBeforeTheFilterIndexAreFiledOnceAndThenFound() {
    Release old = newsroom.create(Fixtures.input("Alt", null, List.of("Archiv"), "de-DE"));
    clock.advance(Duration.ofMinutes(1));
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null,
        List.of("Archiv"), "de")));
    Release scheduled = newsroom.create(Fixtures.input("Später",
        clock.instant().plus(Duration.ofHours(1)).toString(), List.of("Archiv"), "de"));
    // A table the code before the filter index wrote: releases, no entries.
    for (Map<String, AttributeValue> entry : filterEntries()) {
      client.deleteItem(r -> r.tableName(tableName).key(Map.of(ReleaseTable.PK, entry.get(ReleaseTable.PK))));
    }
    assertThat(filtered("archiv", null)).isEmpty();

    assertThat(((DynamoReleaseStore) store).fileReleasesWrittenBeforeTheFilterIndex()).isEqualTo(2);

    assertThat(filtered("archiv", null)).containsExactly(old.id());
    assertThat(filtered("archiv", "de")).containsExactly(old.id());
    clock.advance(Duration.ofHours(2));
    assertThat(filtered("archiv", "de")).containsExactly(scheduled.id(), old.id());
    assertThat(filtered(null, "de-de")).containsExactly(old.id());
    assertThat(store.find(draft.id())).isPresent();
    operations.clear();
    assertThat(((DynamoReleaseStore) store).fileReleasesWrittenBeforeTheFilterIndex()).isEqualTo(-1);
    assertThat(operations).as("once per table").containsExactly("GetItem");
  }

  private List<String> filtered(String tag, String lang) {
    return store.published(new ReleaseFilter(tag, lang), Optional.empty(), 10, clock.instant())
        .items().stream().map(Release::id).toList();
  }

  private List<Map<String, AttributeValue>> filterEntries() {
    return client.scan(r -> r.tableName(tableName)).items().stream()
        .filter(i -> i.containsKey(ReleaseTable.FILTER_PK)).toList();
  }

  private void putRaw(Map<String, AttributeValue> item) {
    client.putItem(r -> r.tableName(tableName).item(item));
  }

  @Test
  void tableHasExactlyTheKeysAndIndexesReleaseTableDefines() {
    TableDescription table = client.describeTable(r -> r.tableName(tableName)).table();

    assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName)
        .containsExactlyElementsOf(ReleaseTable.baseKey());
    Map<String, List<String>> indexes = table.globalSecondaryIndexes().stream()
        .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName,
            i -> i.keySchema().stream().map(KeySchemaElement::attributeName).toList()));
    assertThat(indexes).isEqualTo(ReleaseTable.indexes());
    Map<String, List<String>> included = table.globalSecondaryIndexes().stream()
        .filter(i -> i.projection().projectionType() == ProjectionType.INCLUDE)
        .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i.projection().nonKeyAttributes()));
    assertThat(included).isEqualTo(ReleaseTable.includedAttributes());
    assertThat(table.globalSecondaryIndexes())
        .filteredOn(i -> !ReleaseTable.includedAttributes().containsKey(i.indexName()))
        .allSatisfy(i -> assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.ALL));
    assertThat(table.attributeDefinitions().stream()
        .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())))
        .isEqualTo(ReleaseTable.attributeDefinitions());
  }

  @Test
  void createTableIfMissingLeavesAnExistingTableAlone() {
    Release release = newsroom.create(Fixtures.seedInput());

    DynamoClients.createTableIfMissing(client, tableName);

    assertThat(store.find(release.id())).contains(release);
  }

  @Test
  void onlyPublishedReleasesCarryThePublishedIndexKeys() {
    Release published = newsroom.create(Fixtures.seedInput());
    Release draft = newsroom.create(Fixtures.draft(Fixtures.input("Entwurf", null, List.of(), "de")));

    Map<String, AttributeValue> publishedItem = rawItem("release#" + published.id());
    assertThat(publishedItem.get(ReleaseTable.PUBLISHED_PK).s()).isEqualTo("published");
    assertThat(publishedItem.get(ReleaseTable.PUBLISHED_SK).s())
        .isEqualTo(published.publicSortKey().value());
    assertThat(publishedItem.get(ReleaseTable.VERSION).n()).isEqualTo("1");
    assertThat(rawItem("release#" + draft.id()))
        .doesNotContainKeys(ReleaseTable.PUBLISHED_PK, ReleaseTable.PUBLISHED_SK)
        .containsEntry(ReleaseTable.EDITOR_PK, AttributeValue.fromS("release"))
        .containsEntry(ReleaseTable.EDITOR_SK, AttributeValue.fromS(draft.editorSortKey().value()));

    assertThat(newsroom.save(newsroom.retract(draft))).isTrue();
    assertThat(rawItem("release#" + draft.id()))
        .as("a retracted draft was never public: no tombstone, no key")
        .doesNotContainKeys(ReleaseTable.PUBLISHED_PK, ReleaseTable.PUBLISHED_SK);
    clock.advance(Duration.ofMinutes(5));
    Release retracted = newsroom.retract(published);
    assertThat(newsroom.save(retracted)).isTrue();
    // Out of the published list, into the partition the feeds' tombstones read, by retraction.
    Map<String, AttributeValue> retractedItem = rawItem("release#" + published.id());
    assertThat(retractedItem.get(ReleaseTable.PUBLISHED_PK).s()).isEqualTo("retracted");
    assertThat(retractedItem.get(ReleaseTable.PUBLISHED_SK).s())
        .isEqualTo(SortKey.of(retracted.updatedAt(), published.id()).value())
        .isNotEqualTo(published.publicSortKey().value());
  }

  @Test
  void idempotencyItemIsKeyedByAHashOfTheScopeAndExpiresInEpochSeconds() {
    Release release = newsroom.create(Fixtures.seedInput());
    IdempotencyRecord record = new IdempotencyRecord("editor-1 key-1", "hash-a", release,
        START.plus(Newsroom.IDEMPOTENCY_WINDOW));
    assertThat(store.insertIdempotency(record, START)).isTrue();

    Map<String, AttributeValue> item = rawItem(ReleaseTable.idempotencyKey("editor-1 key-1"));
    assertThat(item.get(ReleaseTable.PK).s()).matches("idempotency#[0-9a-f]{64}");
    assertThat(item.get(ReleaseTable.EXPIRES_AT).n())
        .isEqualTo(Long.toString(record.expiresAt().getEpochSecond()));
    assertThat(item.get(ReleaseTable.RELEASE_ID).s()).isEqualTo(release.id());
  }

  @Test
  void theServerRefusesAnItemOverTheSizeLimitButCountsCharactersWhereDynamoDbCountsBytes() {
    // So the contract's releases whose HTML outgrows their text meet the limit for real. Text of
    // multi-byte characters dynalite measures in UTF-16 units, which is why the largest release
    // is also measured here in UTF-8 bytes, as DynamoDB measures it.
    Map<String, AttributeValue> tooLarge = Map.of(
        ReleaseTable.PK, AttributeValue.fromS("release#2024-03-01-zu-gross"),
        ReleaseTable.DOC, AttributeValue.fromS("x".repeat(410_000)));
    Map<String, AttributeValue> tooLargeInBytes = Map.of(
        ReleaseTable.PK, AttributeValue.fromS("release#2024-03-01-zu-gross-in-bytes"),
        ReleaseTable.DOC, AttributeValue.fromS("€".repeat(140_000)));

    assertThatThrownBy(() -> client.putItem(r -> r.tableName(tableName).item(tooLarge)))
        .isInstanceOf(DynamoDbException.class).hasMessageContaining("size");
    assertThat(itemSize(tooLargeInBytes)).isGreaterThan(400 * 1024);
    client.putItem(r -> r.tableName(tableName).item(tooLargeInBytes));
    assertThat(rawItem("release#2024-03-01-zu-gross-in-bytes")).as("dynalite's leniency").isNotEmpty();
  }

  @Test
  void aReleaseItemCarriesItsRenderingUnlessThatWouldMakeItTooLarge() {
    Release seed = newsroom.create(Fixtures.seedInput());
    Release largest = newsroom.create(Fixtures.withBody(
        Fixtures.input("Die längste Meldung", null, List.of(), "de"), Fixtures.largestBody()));

    Map<String, AttributeValue> seedItem = rawItem("release#" + seed.id());
    Map<String, AttributeValue> largestItem = rawItem("release#" + largest.id());

    assertThat(seedItem.get(ReleaseTable.DOC).s())
        .contains("\"rendering\":{\"v\":" + Rendering.VERSION + ",", "<h2>Pressekontakt</h2>");
    assertThat(largestItem.get(ReleaseTable.DOC).s()).doesNotContain("\"rendering\"");
    assertThat(itemSize(largestItem)).isGreaterThan(255_000).isLessThan(400 * 1024);
  }

  /** DynamoDB's measure of an item: UTF-8 bytes of every attribute name and value. */
  private static long itemSize(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      AttributeValue v = e.getValue();
      size += v.s() != null ? v.s().getBytes(StandardCharsets.UTF_8).length : v.n().length();
    }
    return size;
  }

  @Test
  void unreachableDynamoDbIsReportedAsUnavailable() throws Exception {
    int closedPort = Loopback.freePort();
    try (DynamoDbClient unreachable = DynamoClients.builder("eu-central-1",
            Optional.of(URI.create("http://127.0.0.1:" + closedPort)), false)
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build()) {
      ReleaseStore offline = new DynamoReleaseStore(unreachable, tableName);

      assertThatThrownBy(() -> offline.find("2024-03-01-anything"))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  private Map<String, AttributeValue> rawItem(String pk) {
    return client.getItem(r -> r.tableName(tableName).key(ReleaseTable.key(pk))).item();
  }
}
