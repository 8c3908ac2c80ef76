package dev.pressfeed.store.dynamodb;

import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EXPIRES_AT;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PUBLISHED_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.RELEASE_ID;
import static dev.pressfeed.store.dynamodb.ReleaseTable.VERSION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.n;
import static dev.pressfeed.store.dynamodb.ReleaseTable.s;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * The {@link ReleaseStore} on DynamoDB. Items are mapped by hand through {@link ReleaseTable};
 * every write is one conditional {@code PutItem}; every list is a {@code Query} on an index,
 * never a {@code Scan}.
 *
 * <p>Filters ({@code tag}, {@code lang}, an editor's status view) run here rather than as
 * DynamoDB filter expressions: those are charged for every item read all the same, and
 * {@link ReleaseFilter} is the one definition both stores share.
 */
public final class DynamoReleaseStore implements ReleaseStore {

  /** Error codes that mean "try again later" rather than "your request is wrong". */
  private static final Set<String> THROTTLING = Set.of(
      "ProvisionedThroughputExceededException", "RequestLimitExceededException",
      "ThrottlingException");

  private final DynamoDbClient client;
  private final String tableName;

  public DynamoReleaseStore(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
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

  @Override
  public boolean insert(Release release) {
    return putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(release))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK)));
  }

  @Override
  public boolean replace(Release release, long expectedVersion) {
    // A missing item has no version, so this also refuses to bring a deleted release back.
    return putIf(PutItemRequest.builder()
        .item(ReleaseTable.item(release))
        .conditionExpression("#version = :expected")
        .expressionAttributeNames(Map.of("#version", VERSION))
        .expressionAttributeValues(Map.of(":expected", n(expectedVersion))));
  }

  @Override
  public Page published(ReleaseFilter filter, Optional<SortKey> after, int limit, Instant now) {
    String upTo = SortKey.upTo(now);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":p", s(PUBLISHED_PARTITION));
    String condition;
    if (after.isPresent() && after.get().value().compareTo(upTo) < 0) {
      condition = "#pk = :p AND #sk < :bound";
      values.put(":bound", s(after.get().value()));
    } else {
      condition = "#pk = :p AND #sk <= :bound";
      values.put(":bound", s(upTo));
    }
    // The key condition already holds back embargoes to the millisecond; isVisible settles
    // the sub-millisecond rest so both stores agree exactly.
    Predicate<Release> wanted = r -> r.isVisible(now) && filter.test(r);
    return page(QueryRequest.builder()
        .indexName(PUBLISHED_INDEX)
        .keyConditionExpression(condition)
        .expressionAttributeNames(Map.of("#pk", PUBLISHED_PK, "#sk", PUBLISHED_SK))
        .expressionAttributeValues(values), PUBLISHED_SK, wanted, limit);
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
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey()
          : null;
    } while (items.size() <= limit && start != null);

    if (items.size() <= limit) {
      return new Page(items, Optional.empty());
    }
    return new Page(items.subList(0, limit), Optional.of(new SortKey(keys.get(limit - 1))));
  }

  private boolean putIf(PutItemRequest.Builder put) {
    try {
      call(() -> client.putItem(put.tableName(tableName).build()));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static <T> T call(Supplier<T> request) {
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
}
