package dev.pressfeed.store.dynamodb;

import static dev.pressfeed.store.dynamodb.ReleaseTable.ATTEMPT;
import static dev.pressfeed.store.dynamodb.ReleaseTable.DUE;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_INDEX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.EDITOR_SK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.HANDLED_TO;
import static dev.pressfeed.store.dynamodb.ReleaseTable.INVALIDATION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PING_PARTITION;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PING_PREFIX;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PINGS_WATERMARK_KEY;
import static dev.pressfeed.store.dynamodb.ReleaseTable.PK;
import static dev.pressfeed.store.dynamodb.ReleaseTable.TOPICS;
import static dev.pressfeed.store.dynamodb.ReleaseTable.n;
import static dev.pressfeed.store.dynamodb.ReleaseTable.s;

import dev.pressfeed.push.Outbox;
import dev.pressfeed.push.Ping;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@link Outbox} on DynamoDB: one item per ping in the releases table, listed by due time on
 * the editor index under a partition of their own ({@link ReleaseTable#PING_PREFIX}). Claims and
 * moves are PutItems conditional on the due time and attempt read, so of two notifiers one wins.
 *
 * <p>The index is eventually consistent: a ping just queued may show a moment late, one just
 * claimed may still show as due. Neither matters: the next round finds the first, and the claim's
 * condition, checked on the item itself, refuses the second.
 */
final class DynamoOutbox implements Outbox {

  private final DynamoDbClient client;
  private final String tableName;

  DynamoOutbox(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  @Override
  public void enqueue(Ping ping) {
    putIf(PutItemRequest.builder().item(item(ping))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK)));
  }

  @Override
  public List<Ping> due(Instant now, int limit) {
    return query(dueKey(now.plusMillis(1), ""), limit).items().stream().map(DynamoOutbox::ping).toList();
  }

  @Override
  public Optional<Instant> next() {
    return query(null, 1).items().stream().findFirst()
        .map(item -> Instant.ofEpochMilli(Long.parseLong(item.get(DUE).n())));
  }

  @Override
  public boolean release(Ping held, Ping next) {
    return move(held, next);
  }

  private boolean move(Ping from, Ping to) {
    return putIf(PutItemRequest.builder().item(item(to))
        .conditionExpression("#due = :due AND #attempt = :attempt")
        .expressionAttributeNames(Map.of("#due", DUE, "#attempt", ATTEMPT))
        .expressionAttributeValues(Map.of(":due", n(from.due().toEpochMilli()),
            ":attempt", n(from.attempt()))));
  }

  @Override
  public void delete(Ping ping) {
    DynamoReleaseStore.call(() -> client.deleteItem(r -> r.tableName(tableName)
        .key(ReleaseTable.key(PING_PREFIX + ping.id()))));
  }

  @Override
  public Optional<Instant> watermark() {
    Map<String, AttributeValue> item = DynamoReleaseStore.call(() -> client.getItem(r -> r
        .tableName(tableName)
        .key(ReleaseTable.key(PINGS_WATERMARK_KEY))
        .consistentRead(true))).item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get(HANDLED_TO).n())));
  }

  @Override
  public boolean advanceWatermark(Optional<Instant> expected, Instant next) {
    PutItemRequest.Builder put = PutItemRequest.builder()
        .item(Map.of(PK, s(PINGS_WATERMARK_KEY), HANDLED_TO, n(next.toEpochMilli())));
    return putIf(expected.isEmpty()
        ? put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))
        : put.conditionExpression("#to = :expected")
            .expressionAttributeNames(Map.of("#to", HANDLED_TO))
            .expressionAttributeValues(Map.of(":expected", n(expected.get().toEpochMilli()))));
  }

  /** Pings in due order, those due before {@code below} only when given. */
  private QueryResponse query(String below, int limit) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", EDITOR_PK));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(PING_PARTITION)));
    String condition = "#pk = :p";
    if (below != null) {
      condition += " AND #sk < :below";
      names.put("#sk", EDITOR_SK);
      values.put(":below", s(below));
    }
    String keyCondition = condition;
    return DynamoReleaseStore.call(() -> client.query(r -> r
        .tableName(tableName)
        .indexName(EDITOR_INDEX)
        .keyConditionExpression(keyCondition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .scanIndexForward(true)
        .limit(limit)));
  }

  /** Sorts as time does: epoch milliseconds, zero-padded, then the id for uniqueness. */
  private static String dueKey(Instant due, String id) {
    return String.format("%015d#%s", due.toEpochMilli(), id);
  }

  private static Map<String, AttributeValue> item(Ping ping) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(PING_PREFIX + ping.id()));
    item.put(EDITOR_PK, s(PING_PARTITION));
    item.put(EDITOR_SK, s(dueKey(ping.due(), ping.id())));
    item.put(DUE, n(ping.due().toEpochMilli()));
    item.put(ATTEMPT, n(ping.attempt()));
    item.put(TOPICS, AttributeValue.fromL(ping.topics().stream().map(ReleaseTable::s).toList()));
    ping.invalidation().ifPresent(id -> item.put(INVALIDATION, s(id)));
    return item;
  }

  private static Ping ping(Map<String, AttributeValue> item) {
    return new Ping(item.get(PK).s().substring(PING_PREFIX.length()),
        item.get(TOPICS).l().stream().map(AttributeValue::s).toList(),
        Instant.ofEpochMilli(Long.parseLong(item.get(DUE).n())),
        Integer.parseInt(item.get(ATTEMPT).n()),
        Optional.ofNullable(item.get(INVALIDATION)).map(AttributeValue::s));
  }

  private boolean putIf(PutItemRequest.Builder put) {
    try {
      DynamoReleaseStore.call(() -> client.putItem(put.tableName(tableName).build()));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
