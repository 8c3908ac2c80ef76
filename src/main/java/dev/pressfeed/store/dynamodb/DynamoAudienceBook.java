package dev.pressfeed.store.dynamodb;

import static dev.pressfeed.store.dynamodb.ReleaseTable.AUDIENCE_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.AUDIENCE_PREFIX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EXPIRES_AT;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.n;
import static dev.pressfeed.store.dynamodb.ReleaseTable.s;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.audience.Report;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The audience on DynamoDB: one item per feed, aggregator and feed id in the releases table,
 * keyed {@value ReleaseTable#AUDIENCE_PREFIX}{@code feed#reader#feedId}. The feed function
 * writes them with one conditional {@code PutItem} each and never reads them; its IAM policy
 * allows it no other write. The items carry the editor index's keys under their own partition
 * ({@value ReleaseTable#AUDIENCE_PARTITION}, sorted by the time of the report), so the last
 * week's is one Query of that index, newest first, and never a Scan; and {@code expiresAt}, the
 * table's TTL attribute, so an abandoned feed or aggregator vanishes after
 * {@link AudienceBook#KEPT_FOR}.
 */
final class DynamoAudienceBook implements AudienceBook {

  static final String FEED = "feed";
  static final String READER = "reader";
  static final String FEED_ID = "feedId";
  static final String SUBSCRIBERS = "subscribers";
  /** Epoch milliseconds of the report. */
  static final String REPORTED_AT = "reportedAt";
  /** Fixed width, so the index's string order is time order. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** Items per Query page: well under 1 MB at a few hundred bytes an item. */
  private static final int PAGE = 500;

  private final DynamoDbClient client;
  private final String tableName;

  private DynamoAudienceBook(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  /**
   * Typed as the port, so that {@link DynamoReleaseStore} names no class of the audience but
   * through this call: verifying it then loads none of them on the feed function's start.
   */
  static AudienceBook of(DynamoDbClient client, String tableName) {
    return new DynamoAudienceBook(client, tableName);
  }

  /** The key of an entry: the feed holds no {@code #} (percent-encoded), nor do the others. */
  static String key(String feed, String reader, String feedId) {
    return AUDIENCE_PREFIX + feed + "#" + reader + "#" + feedId;
  }

  @Override
  public boolean record(String feed, Report report, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(key(feed, report.reader(), report.feedId())));
    item.put(FEED, s(feed));
    item.put(READER, s(report.reader()));
    if (!report.feedId().isEmpty()) {
      item.put(FEED_ID, s(report.feedId()));
    }
    item.put(SUBSCRIBERS, n(report.subscribers()));
    item.put(REPORTED_AT, n(at.toEpochMilli()));
    item.put(EDITOR_PK, s(AUDIENCE_PARTITION));
    item.put(EDITOR_SK, s(SORTABLE.format(at)));
    item.put(EXPIRES_AT, n(at.plus(KEPT_FOR).getEpochSecond()));
    try {
      DynamoReleaseStore.call(() -> client.putItem(r -> r
          .tableName(tableName)
          .item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #subscribers <> :subscribers"
              + " OR #reportedAt <= :rewriteFrom")
          .expressionAttributeNames(Map.of("#pk", PK, "#subscribers", SUBSCRIBERS, "#reportedAt", REPORTED_AT))
          .expressionAttributeValues(Map.of(":subscribers", n(report.subscribers()),
              ":rewriteFrom", n(at.minus(REWRITE_AFTER).toEpochMilli())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      // The same count, written within the hour (by this container or another): nothing to do.
      return false;
    }
  }

  @Override
  public List<Reading> since(Instant since, int limit) {
    List<Reading> readings = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      int page = Math.min(PAGE, limit - readings.size());
      QueryResponse response = DynamoReleaseStore.call(() -> client.query(r -> r
          .tableName(tableName)
          .indexName(EDITOR_INDEX)
          .keyConditionExpression("#p = :p AND #sk >= :since")
          .expressionAttributeNames(Map.of("#p", EDITOR_PK, "#sk", EDITOR_SK))
          .expressionAttributeValues(Map.of(":p", s(AUDIENCE_PARTITION), ":since", s(SORTABLE.format(since))))
          .scanIndexForward(false)
          .limit(page)
          .exclusiveStartKey(exclusiveStart)));
      for (Map<String, AttributeValue> item : response.items()) {
        if (readings.size() < limit) {
          readings.add(reading(item));
        }
      }
      start = DynamoReleaseStore.nextStart(response);
    } while (start != null && readings.size() < limit);
    return readings;
  }

  private static Reading reading(Map<String, AttributeValue> item) {
    AttributeValue feedId = item.get(FEED_ID);
    return new Reading(item.get(FEED).s(), item.get(READER).s(), feedId == null ? "" : feedId.s(),
        Integer.parseInt(item.get(SUBSCRIBERS).n()),
        Instant.ofEpochMilli(Long.parseLong(item.get(REPORTED_AT).n())));
  }
}
