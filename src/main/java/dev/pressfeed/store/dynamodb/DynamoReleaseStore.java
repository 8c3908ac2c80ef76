package dev.pressfeed.store.dynamodb;

import static dev.pressfeed.store.dynamodb.ReleaseTable.ARCHIVE_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EXPIRES_AT;
import static dev.pressfeed.store.dynamodb.ReleaseTable.FILTER_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.FILTER_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.FILTER_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.RELEASE_ID;
import static dev.pressfeed.store.dynamodb.ReleaseTable.RETRACTED_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.VERSION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.n;
import static dev.pressfeed.store.dynamodb.ReleaseTable.s;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.push.Outbox;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.release.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@link ReleaseStore} on DynamoDB. Items are mapped by hand through {@link ReleaseTable};
 * every write is one conditional {@code PutItem}; every list is a {@code Query} on an index,
 * never a {@code Scan}.
 *
 * <p>A {@code tag}/{@code lang} read queries the filter index ({@link ReleaseTable#FILTER_INDEX})
 * and reads the page's releases in one BatchGetItem: a page's worth of reads however many
 * releases exist. Each release is checked against {@link ReleaseFilter}, the one definition
 * both stores share, here rather than as DynamoDB filter expressions: those are charged for
 * every item read all the same. An editor's status view filters its index page by page.
 */
public final class DynamoReleaseStore implements ReleaseStore {

  /** Error codes that mean "try again later" rather than "your request is wrong". */
  private static final Set<String> THROTTLING = Set.of(
      "ProvisionedThroughputExceededException", "RequestLimitExceededException",
      "ThrottlingException");

  /** BatchWriteItem's and BatchGetItem's most requests per call. */
  private static final int MAX_BATCH_WRITE = 25;
  private static final int MAX_BATCH_GET = 100;
  /** Unprocessed parts of a batch are asked again this often before giving up (503). */
  private static final int MAX_BATCH_ATTEMPTS = 6;

  private final DynamoDbClient client;
  private final String tableName;
  private volatile AudienceBook audience;

  public DynamoReleaseStore(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  /**
   * The pings waiting for the hub: items of the same table ({@link DynamoOutbox}). A new view
   * each call (it holds nothing but the client), so the reading functions never load it.
   */
  @Override
  public Outbox outbox() {
    return new DynamoOutbox(client, tableName);
  }

  @Override
  public Optional<Release> find(String id) {
    Map<String, AttributeValue> item = call(() -> client.getItem(r -> r
        .tableName(tableName)
        .key(ReleaseTable.key(ReleaseTable.releaseKey(id)))
        .consistentRead(true))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ReleaseTable.release(item));
  }

  /** One small Query of the head index: a few hundred bytes, whatever the release's size. */
  @Override
  public Optional<ReleaseHead> head(String id) {
    List<Map<String, AttributeValue>> items = call(() -> client.query(r -> r
        .tableName(tableName)
        .indexName(ReleaseTable.HEAD_INDEX)
        .keyConditionExpression("#id = :id")
        .expressionAttributeNames(Map.of("#id", ReleaseTable.HEAD_PK))
        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))
        .limit(1))).items();
    return items.isEmpty() ? Optional.empty() : Optional.of(ReleaseTable.head(items.get(0)));
  }

  /**
   * Filter entries first, then the release: a crash between the two leaves entries that name
   * no stored version, which readers skip; never a release its filters miss.
   */
  @Override
  public boolean insert(Release release) {
    List<Map<String, AttributeValue>> entries = ReleaseTable.filterEntries(release);
    writeEntries(entries, true);
    boolean inserted = putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(release))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK)));
    if (!inserted) {
      dropEntriesOfALostWrite(release.id(), entries);
    }
    return inserted;
  }

  /**
   * Entries of the new version first, then the release, then the old version's entries gone:
   * at every moment each stored version has all its entries (SPEC §5's crash-safe order with
   * single-item writes). The old version comes back with the conditional put itself.
   */
  @Override
  public boolean replace(Release release, long expectedVersion) {
    List<Map<String, AttributeValue>> entries = ReleaseTable.filterEntries(release);
    writeEntries(entries, true);
    Map<String, AttributeValue> old;
    try {
      // A missing item has no version, so this also refuses to bring a deleted release back.
      old = call(() -> client.putItem(r -> r
          .tableName(tableName)
          .item(ReleaseTable.item(release))
          .conditionExpression("#version = :expected")
          .expressionAttributeNames(Map.of("#version", VERSION))
          .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))
          .returnValues(ReturnValue.ALL_OLD))).attributes();
    } catch (ConditionalCheckFailedException e) {
      dropEntriesOfALostWrite(release.id(), entries);
      return false;
    }
    if (old != null && !old.isEmpty()) {
      try {
        writeEntries(ReleaseTable.filterEntries(ReleaseTable.release(old)), false);
      } catch (StoreUnavailableException e) {
        // The release is saved; entries left behind only cost readers a skip. Answering 503
        // would have the editor retry a write that succeeded.
      }
    }
    return true;
  }

  /**
   * After a refused write, deletes the entries it put that the stored version does not need
   * (the same version written by a concurrent winner may share some, key for key). Entries of
   * a version no stored release has are never needed again: versions only grow.
   */
  private void dropEntriesOfALostWrite(String id, List<Map<String, AttributeValue>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Set<AttributeValue> needed = new HashSet<>();
    find(id).ifPresent(stored -> ReleaseTable.filterEntries(stored)
        .forEach(e -> needed.add(e.get(PK))));
    writeEntries(entries.stream().filter(e -> !needed.contains(e.get(PK))).toList(), false);
  }

  /**
   * Puts or deletes entries in batches of 25 (BatchWriteItem's most), unconditionally: an
   * entry's content follows from its key, so a put or delete repeated or raced ends the same.
   */
  private void writeEntries(List<Map<String, AttributeValue>> entries, boolean put) {
    for (int from = 0; from < entries.size(); from += MAX_BATCH_WRITE) {
      List<WriteRequest> requests = new ArrayList<>();
      for (Map<String, AttributeValue> entry
          : entries.subList(from, Math.min(entries.size(), from + MAX_BATCH_WRITE))) {
        requests.add(put
            ? WriteRequest.builder().putRequest(p -> p.item(entry)).build()
            : WriteRequest.builder().deleteRequest(d -> d.key(ReleaseTable.key(entry.get(PK).s())))
                .build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == MAX_BATCH_ATTEMPTS) {
          throw new StoreUnavailableException("DynamoDB left filter entries unwritten", null);
        }
        Map<String, List<WriteRequest>> batch = pending;
        BatchWriteItemResponse response = call(() -> client.batchWriteItem(r -> r
            .requestItems(batch)));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        pending = pending.isEmpty() || pending.values().stream().allMatch(List::isEmpty)
            ? Map.of() : pending;
        if (!pending.isEmpty()) {
          backOff(attempt);
        }
      }
    }
  }

  @Override
  public Page published(ReleaseFilter filter, Optional<SortKey> after, int limit, Instant now) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    String upTo = SortKey.upTo(now);
    boolean below = after.isPresent() && after.get().value().compareTo(upTo) < 0;
    String bound = below ? after.get().value() : upTo;
    String comparison = below ? " < " : " <= ";
    // The key condition already holds back embargoes to the millisecond; isVisible settles
    // the sub-millisecond rest so both stores agree exactly.
    Predicate<Release> wanted = r -> r.isVisible(now) && filter.test(r);
    if (!filter.isEmpty()) {
      Optional<String> filterKey = filter.key();
      if (filterKey.isEmpty()) {
        return new Page(List.of(), Optional.empty()); // no storable release can pass it
      }
      return filteredPage(filterKey.get(), comparison, bound, wanted, limit);
    }
    return page(QueryRequest.builder()
        .indexName(PUBLISHED_INDEX)
        .keyConditionExpression("#pk = :p AND #sk" + comparison + ":bound")
        .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
        .expressionAttributeValues(Map.of(":p", s(PUBLISHED_PARTITION), ":bound", s(bound))),
        PUBLISHED_SK, wanted, limit);
  }

  /**
   * The archive index, oldest first, to its end: one Query per megabyte of entries (4 000 to
   * 7 000 releases, by the length of their ids), never a release item. Eventually consistent, like every list: the index is global.
   */
  @Override
  public List<ReleaseHead> archive(Instant now) {
    List<ReleaseHead> heads = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryResponse response = call(() -> archiveQuery(r -> r
          .tableName(tableName)
          .indexName(ARCHIVE_INDEX)
          .keyConditionExpression("#pk = :p AND #sk <= :upTo")
          .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
          .expressionAttributeValues(Map.of(
              ":p", s(PUBLISHED_PARTITION), ":upTo", s(SortKey.upTo(now))))
          .scanIndexForward(true)
          .exclusiveStartKey(exclusiveStart)));
      for (Map<String, AttributeValue> entry : response.items()) {
        heads.add(ReleaseTable.archived(entry));
      }
      start = nextStart(response);
    } while (start != null);
    return heads;
  }

  /**
   * A Query of the archive index, which a table from before it lacks until the template adds it,
   * and which DynamoDB then fills from the existing items for a while: either is a deploy in
   * progress (503, try again), not a request DynamoDB could not read.
   */
  /** The archive index is missing or still filling: a 503 for the sitemap, which needs it. */
  private static final class ArchiveNotReady extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    ArchiveNotReady(DynamoDbException cause) {
      super("the archive index is missing or still filling (a table from before it: see "
          + "docs/architecture.md)", cause);
    }
  }

  private QueryResponse archiveQuery(Consumer<QueryRequest.Builder> query) {
    try {
      return client.query(query);
    } catch (DynamoDbException e) {
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      if (e.statusCode() == 400 && message != null && message.contains(ARCHIVE_INDEX)
          && (message.contains("specified index") || message.contains("backfilling"))) {
        throw new ArchiveNotReady(e);
      }
      throw e;
    }
  }

  /**
   * One Query of the published index between {@code since} and now (the embargo and the window
   * both in the key condition): only the releases it returns are read.
   */
  @Override
  public List<Release> publishedSince(Instant since, int limit, Instant now) {
    if (since.isAfter(now)) {
      return List.of(); // BETWEEN needs its bounds in order
    }
    return page(QueryRequest.builder()
        .indexName(PUBLISHED_INDEX)
        .keyConditionExpression("#pk = :p AND #sk BETWEEN :from AND :upTo")
        .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
        .expressionAttributeValues(Map.of(":p", s(PUBLISHED_PARTITION),
            ":from", s(SortKey.from(since)), ":upTo", s(SortKey.upTo(now)))),
        PUBLISHED_SK, r -> r.isVisible(now) && !r.publishedAt().isBefore(since), limit).items();
  }

  /**
   * One Query of the published index's {@value ReleaseTable#RETRACTED_PARTITION} partition, from
   * {@code since} (in the key condition) newest first: only the releases it returns are read.
   */
  @Override
  public List<Release> retractedSince(Instant since, int limit) {
    return page(QueryRequest.builder()
        .indexName(PUBLISHED_INDEX)
        .keyConditionExpression("#pk = :p AND #sk >= :from")
        .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
        .expressionAttributeValues(Map.of(":p", s(RETRACTED_PARTITION),
            ":from", s(SortKey.from(since)))),
        PUBLISHED_SK, r -> r.wasPublicBeforeRetraction() && !r.updatedAt().isBefore(since),
        limit).items();
  }

  /**
   * A filtered page: the filter's entries, newest first, {@code limit + 1} at a time, then the
   * releases they name in one BatchGetItem. An entry counts only if the release it names is
   * still that version at that place and passes the filter; one that does not (left by a
   * crash or a lost race, or outdated by a write a moment ago) is skipped and the Query goes
   * on, so pages stay full. Eventually consistent reads: the index is a global one and lags
   * anyway, as the unfiltered list's does, and they cost half.
   */
  private Page filteredPage(String filterKey, String comparison, String bound,
      Predicate<Release> wanted, int limit) {
    List<Release> items = new ArrayList<>(limit + 1);
    List<String> keys = new ArrayList<>(limit + 1);
    Set<String> seen = new HashSet<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      int wantedCount = limit + 1 - items.size();
      QueryResponse response = call(() -> client.query(r -> r
          .tableName(tableName)
          .indexName(FILTER_INDEX)
          .keyConditionExpression("#pk = :key AND #sk" + comparison + ":bound")
          .expressionAttributeNames(Map.of("#pk", FILTER_PK, "#sk", FILTER_SK))
          .expressionAttributeValues(Map.of(":key", s(filterKey), ":bound", s(bound)))
          .scanIndexForward(false)
          .limit(wantedCount)
          .exclusiveStartKey(exclusiveStart)));
      Map<String, Release> releases = releases(response.items().stream()
          .map(ReleaseTable::filterEntryReleaseId).filter(id -> !seen.contains(id))
          .distinct().toList());
      for (Map<String, AttributeValue> entry : response.items()) {
        Release release = releases.get(ReleaseTable.filterEntryReleaseId(entry));
        String sortKey = entry.get(FILTER_SK).s();
        if (release != null
            && release.version() == ReleaseTable.version(entry)
            && release.state() == Release.State.PUBLISHED
            && release.publicSortKey().value().equals(sortKey)
            && wanted.test(release)
            && seen.add(release.id())) {
          items.add(release);
          keys.add(sortKey);
          if (items.size() > limit) {
            break;
          }
        }
      }
      start = nextStart(response);
    } while (items.size() <= limit && start != null);
    return pageOf(items, keys, limit);
  }

  /** The releases with these ids (those that exist), by id: BatchGetItem, 100 keys a call. */
  private Map<String, Release> releases(List<String> ids) {
    Map<String, Release> found = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_BATCH_GET) {
      List<Map<String, AttributeValue>> keys = ids.subList(from,
          Math.min(ids.size(), from + MAX_BATCH_GET)).stream()
          .map(id -> ReleaseTable.key(ReleaseTable.releaseKey(id))).toList();
      Map<String, KeysAndAttributes> pending =
          Map.of(tableName, KeysAndAttributes.builder().keys(keys).build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == MAX_BATCH_ATTEMPTS) {
          throw new StoreUnavailableException("DynamoDB left releases unread", null);
        }
        Map<String, KeysAndAttributes> batch = pending;
        BatchGetItemResponse response = call(() -> client.batchGetItem(r -> r
            .requestItems(batch)));
        response.responses().getOrDefault(tableName, List.of()).forEach(item -> {
          Release release = ReleaseTable.release(item);
          found.put(release.id(), release);
        });
        // More than 16 MB at once (large releases) comes back in parts.
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        pending = pending.values().stream().allMatch(k -> !k.hasKeys() || k.keys().isEmpty())
            ? Map.of() : pending;
        if (!pending.isEmpty() && response.responses().getOrDefault(tableName, List.of()).isEmpty()) {
          backOff(attempt); // nothing read at all: throttled, wait before asking again
        }
      }
    }
    return found;
  }

  /**
   * A read of keys, ascending from just above {@code after} to the last key visible now
   * (embargoes in the key condition, as in {@link #published}), on the index that
   * {@link #published} reads, {@code Limit n}: one Query of {@code n} index items, projected to
   * their keys. Another follows only where a Query stops short of {@code n} without reaching
   * the end: at DynamoDB's 1 MB per Query, or, filtered, past entries that do not count.
   *
   * <p>Unfiltered, the published index holds each published release once, at its current key
   * (DynamoDB keeps it from the release items). The filter index may also hold entries of
   * versions that no longer stand ({@link #filteredPage}): left by a write whose clean-up was
   * throttled, or there for a moment during an edit. Those must not count, nor become a cursor,
   * which shows its key to anyone who decodes it: an outdated entry may name a release since
   * embargoed to a later time, or made a draft. So the releases the entries name are read in
   * one BatchGetItem, projected to version and public key, and an entry counts only if it is
   * the release's current version at its current place. That also counts each release once:
   * it has one current version and one place.
   */
  @Override
  public Optional<SortKey> newerBy(ReleaseFilter filter, SortKey after, int n, Instant now) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    String from = after.justAbove();
    String upTo = SortKey.upTo(now);
    if (from.compareTo(upTo) > 0) {
      return Optional.empty(); // nothing visible lies above it (and BETWEEN refuses the range)
    }
    if (filter.isEmpty()) {
      return newerOnPublishedIndex(from, upTo, n);
    }
    Optional<String> filterKey = filter.key();
    if (filterKey.isEmpty()) {
      return Optional.empty(); // no storable release can pass it
    }
    return newerOnFilterIndex(filterKey.get(), from, upTo, n);
  }

  /**
   * On the archive index: the published index's keys with a few hundred bytes an entry, where the
   * published index would be billed for each release with its rendering. A table whose archive
   * index is missing or still filling (an upgrade in progress) is read on the published index.
   */
  private Optional<SortKey> newerOnPublishedIndex(String from, String upTo, int n) {
    try {
      return newerOn(ARCHIVE_INDEX, from, upTo, n);
    } catch (ArchiveNotReady e) {
      return newerOn(PUBLISHED_INDEX, from, upTo, n);
    }
  }

  private Optional<SortKey> newerOn(String index, String from, String upTo, int n) {
    int counted = 0;
    Map<String, AttributeValue> start = null;
    do {
      int wanted = n - counted;
      Map<String, AttributeValue> exclusiveStart = start;
      Consumer<QueryRequest.Builder> query = r -> r
          .tableName(tableName)
          .indexName(index)
          .keyConditionExpression("#pk = :p AND #sk BETWEEN :from AND :upTo")
          .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
          .expressionAttributeValues(Map.of(":p", s(PUBLISHED_PARTITION), ":from", s(from),
              ":upTo", s(upTo)))
          .projectionExpression("#sk")
          .scanIndexForward(true)
          .limit(wanted)
          .exclusiveStartKey(exclusiveStart);
      QueryResponse response = call(() -> index.equals(ARCHIVE_INDEX) ? archiveQuery(query) : client.query(query));
      if (response.count() >= wanted) {
        return Optional.of(new SortKey(response.items().get(wanted - 1).get(PUBLISHED_SK).s()));
      }
      counted += response.count();
      start = nextStart(response);
    } while (start != null);
    return Optional.empty();
  }

  private Optional<SortKey> newerOnFilterIndex(String filterKey, String from, String upTo, int n) {
    int counted = 0;
    Map<String, Place> places = new HashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      int wanted = n - counted;
      Map<String, AttributeValue> exclusiveStart = start;
      QueryResponse response = call(() -> client.query(r -> r
          .tableName(tableName)
          .indexName(FILTER_INDEX)
          .keyConditionExpression("#pk = :key AND #sk BETWEEN :from AND :upTo")
          .expressionAttributeNames(Map.of("#pk", FILTER_PK, "#sk", FILTER_SK, "#v", VERSION))
          .expressionAttributeValues(Map.of(":key", s(filterKey), ":from", s(from),
              ":upTo", s(upTo)))
          .projectionExpression("#sk, #v")
          .scanIndexForward(true)
          .limit(wanted)
          .exclusiveStartKey(exclusiveStart)));
      places.putAll(places(response.items().stream().map(ReleaseTable::filterEntryReleaseId)
          .filter(id -> !places.containsKey(id)).distinct().toList()));
      for (Map<String, AttributeValue> entry : response.items()) {
        String sortKey = entry.get(FILTER_SK).s();
        Place place = places.get(ReleaseTable.filterEntryReleaseId(entry));
        if (place.version() == ReleaseTable.version(entry) && sortKey.equals(place.sortKey())) {
          counted++;
          if (counted == n) {
            return Optional.of(new SortKey(sortKey));
          }
        }
      }
      start = nextStart(response);
    } while (start != null);
    return Optional.empty();
  }

  /**
   * A release's stored version and public sort key ({@code null} unless it is published);
   * version 0, which no release has, when it is not stored at all.
   */
  private record Place(long version, String sortKey) {}

  /** Where these releases stand now: BatchGetItem of their versions and public keys only. */
  private Map<String, Place> places(List<String> ids) {
    Map<String, Place> found = new HashMap<>();
    ids.forEach(id -> found.put(id, new Place(0, null)));
    for (int from = 0; from < ids.size(); from += MAX_BATCH_GET) {
      List<Map<String, AttributeValue>> keys = ids.subList(from,
          Math.min(ids.size(), from + MAX_BATCH_GET)).stream()
          .map(id -> ReleaseTable.key(ReleaseTable.releaseKey(id))).toList();
      Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
          .keys(keys)
          .projectionExpression("#pk, #v, #sk, #part")
          .expressionAttributeNames(Map.of("#pk", PK, "#v", VERSION, "#sk", PUBLISHED_SK,
              "#part", PUBLISHED_PK))
          .build());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == MAX_BATCH_ATTEMPTS) {
          throw new StoreUnavailableException("DynamoDB left releases unread", null);
        }
        Map<String, KeysAndAttributes> batch = pending;
        BatchGetItemResponse response = call(() -> client.batchGetItem(r -> r
            .requestItems(batch)));
        List<Map<String, AttributeValue>> items =
            response.responses().getOrDefault(tableName, List.of());
        for (Map<String, AttributeValue> item : items) {
          // A retracted release keeps a key of its own partition there: no public place.
          AttributeValue sortKey = item.get(PUBLISHED_SK);
          boolean published = s(PUBLISHED_PARTITION).equals(item.get(PUBLISHED_PK));
          found.put(ReleaseTable.releaseIdOf(item),
              new Place(ReleaseTable.version(item), published ? sortKey.s() : null));
        }
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        pending = pending.values().stream().allMatch(k -> !k.hasKeys() || k.keys().isEmpty())
            ? Map.of() : pending;
        if (!pending.isEmpty() && items.isEmpty()) {
          backOff(attempt); // nothing read at all: throttled, wait before asking again
        }
      }
    }
    return found;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(200, 10L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for DynamoDB", e);
    }
  }

  /**
   * Files every published release under its filter keys, once per table: tables written before
   * the filter index existed have no entries, and their releases would be missing from every
   * filtered read until edited. Pages through the published index; each page's entries are
   * written as a release write writes them (idempotent puts), then a marker item says it is
   * done, so the next start reads one small item and nothing else.
   *
   * <p>Safe beside writers: an entry put here for a version that an edit meanwhile outdated
   * names a version no longer stored, which readers skip. Run it after every function serves
   * the new code (an old one would write releases without entries).
   *
   * @return the releases filed, or {@code -1} when the table was filled already
   */
  public int fileReleasesWrittenBeforeTheFilterIndex() {
    Map<String, AttributeValue> marker = call(() -> client.getItem(r -> r
        .tableName(tableName)
        .key(ReleaseTable.key(ReleaseTable.FILTER_INDEX_FILLED_KEY))
        .consistentRead(true))).item();
    if (marker != null && !marker.isEmpty()) {
      return -1;
    }
    int filed = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryResponse response = call(() -> client.query(r -> r
          .tableName(tableName)
          .indexName(PUBLISHED_INDEX)
          .keyConditionExpression("#pk = :p")
          .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK))
          .expressionAttributeValues(Map.of(":p", s(PUBLISHED_PARTITION)))
          .limit(100)
          .exclusiveStartKey(exclusiveStart)));
      List<Map<String, AttributeValue>> entries = new ArrayList<>();
      for (Map<String, AttributeValue> item : response.items()) {
        entries.addAll(ReleaseTable.filterEntries(ReleaseTable.release(item)));
        filed++;
      }
      writeEntries(entries, true);
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey()
          : null;
    } while (start != null);
    int count = filed;
    call(() -> client.putItem(r -> r
        .tableName(tableName)
        .item(Map.of(PK, s(ReleaseTable.FILTER_INDEX_FILLED_KEY), "releases", n(count)))));
    return filed;
  }

  @Override
  public Page forEditors(EditorView view, Optional<SortKey> after, int limit, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":p", s(EDITOR_PARTITION));
    Map<String, String> names = new HashMap<>();
    names.put("#pk", EDITOR_PK);
    String condition = "#pk = :p";
    if (after.isPresent()) {
      condition += " AND #sk < :after";
      names.put("#sk", EDITOR_SK);
      values.put(":after", s(after.get().value()));
    }
    return page(QueryRequest.builder()
        .indexName(EDITOR_INDEX)
        .keyConditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values), EDITOR_SK, r -> view.shows(r, now), limit);
  }

  /** The audience items of this table, built on first use (SPEC §11). */
  @Override
  public AudienceBook audience() {
    AudienceBook book = audience;
    if (book == null) {
      book = DynamoAudienceBook.of(client, tableName);
      audience = book;
    }
    return book;
  }

  @Override
  public FeedState feedState() {
    // One small GetItem: all a conditional GET of a feed or list costs.
    Map<String, AttributeValue> item = call(() -> client.getItem(r -> r
        .tableName(tableName)
        .key(ReleaseTable.key(ReleaseTable.FEED_STATE_KEY))
        .consistentRead(true))).item();
    return item == null || item.isEmpty() ? FeedState.INITIAL : ReleaseTable.feedState(item);
  }

  @Override
  public boolean replaceFeedState(FeedState next, long expectedRevision) {
    return putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(next))
        .conditionExpression(expectedRevision == 0
            ? "attribute_not_exists(#pk) OR #revision = :expected"
            : "#revision = :expected")
        .expressionAttributeNames(expectedRevision == 0
            ? Map.of("#pk", PK, "#revision", ReleaseTable.REVISION)
            : Map.of("#revision", ReleaseTable.REVISION))
        .expressionAttributeValues(Map.of(":expected", n(expectedRevision))));
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotency(String scope) {
    Map<String, AttributeValue> item = call(() -> client.getItem(r -> r
        .tableName(tableName)
        .key(ReleaseTable.key(ReleaseTable.idempotencyKey(scope)))
        .consistentRead(true))).item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(ReleaseTable.idempotencyRecord(item));
  }

  @Override
  public boolean insertIdempotency(IdempotencyRecord record, Instant now) {
    // TTL deletes expired items only eventually (within days), so an expired record may still
    // be there and must be overwritable. Whole seconds on both sides: the store never calls a
    // record live that the domain calls expired, or a retry would wait on it forever.
    return putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(record))
        .conditionExpression("attribute_not_exists(#pk) OR #expiresAt <= :now")
        .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
  }

  @Override
  public boolean replaceIdempotency(IdempotencyRecord record, String expectedReleaseId) {
    return putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(record))
        .conditionExpression("#releaseId = :expected")
        .expressionAttributeNames(Map.of("#releaseId", RELEASE_ID))
        .expressionAttributeValues(Map.of(":expected", s(expectedReleaseId))));
  }

  /**
   * Newest first, {@code limit + 1} at a time: the extra item tells whether a next page exists
   * without a second round trip, so an unfiltered page is exactly one Query. Filtered pages
   * query on until they are full or the index ends.
   */
  private Page page(QueryRequest.Builder query, String sortKeyAttribute,
      Predicate<Release> wanted, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<Release> items = new ArrayList<>(limit + 1);
    List<String> keys = new ArrayList<>(limit + 1);
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryResponse response = call(() -> client.query(query
          .tableName(tableName)
          .scanIndexForward(false)
          .limit(limit + 1)
          .exclusiveStartKey(exclusiveStart)
          .build()));
      for (Map<String, AttributeValue> item : response.items()) {
        Release release = ReleaseTable.release(item);
        if (wanted.test(release)) {
          items.add(release);
          keys.add(item.get(sortKeyAttribute).s());
          if (items.size() > limit) {
            break;
          }
        }
      }
      start = nextStart(response);
    } while (items.size() <= limit && start != null);
    return pageOf(items, keys, limit);
  }

  private boolean putIf(PutItemRequest.Builder put) {
    try {
      call(() -> client.putItem(put.tableName(tableName).build()));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (DynamoDbException e) {
      if (e instanceof ProvisionedThroughputExceededException
          || e instanceof RequestLimitExceededException
          || e.awsErrorDetails() != null && THROTTLING.contains(e.awsErrorDetails().errorCode())) {
        throw new StoreUnavailableException("DynamoDB is throttling", e);
      }
      if (e.statusCode() >= 500) {
        // InternalServerError, ServiceUnavailable: DynamoDB's own trouble, already retried by
        // the SDK; the client may retry later, it did nothing wrong (503, not 500).
        throw new StoreUnavailableException("DynamoDB failed: " + e.statusCode(), e);
      }
      throw e;
    } catch (SdkClientException e) {
      throw new StoreUnavailableException("DynamoDB is unreachable", e);
    }
  }

  /** Where the next Query of a page starts, or {@code null} at the index's end. */
  static Map<String, AttributeValue> nextStart(QueryResponse response) {
    return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
        ? response.lastEvaluatedKey()
        : null;
  }

  /** A page of at most {@code limit}; one more found means a next page after the last kept. */
  private static Page pageOf(List<Release> items, List<String> keys, int limit) {
    if (items.size() <= limit) {
      return new Page(items, Optional.empty());
    }
    return new Page(items.subList(0, limit), Optional.of(new SortKey(keys.get(limit - 1))));
  }

}
