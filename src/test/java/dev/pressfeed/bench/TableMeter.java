package dev.pressfeed.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * What the DynamoDB clients of every container do, summed while pollers run: per operation the
 * calls, items, response bytes and the capacity units DynamoDB bills (asked for with
 * {@code ReturnConsumedCapacity}, which does not change what a call reads), and per item or index
 * partition the reads and units: the hottest of them is the one that meets a partition's
 * 3 000 read units a second first.
 *
 * <p>Unlike {@code CallMeter} it keeps counters, not a list: a run makes hundreds of thousands
 * of calls.
 */
final class TableMeter implements ExecutionInterceptor {

  private static final ExecutionAttribute<List<String>> KEYS = new ExecutionAttribute<>("pressfeed.keys");

  /** One operation's totals; {@code units} in thousandths of a capacity unit. */
  record Totals(long calls, long items, long bytes, long milliUnits, long failed) {
    double units() {
      return milliUnits / 1000.0;
    }
  }

  private final Map<String, LongAdder[]> operations = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> keys = new ConcurrentHashMap<>();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (request instanceof GetItemRequest g) {
      attributes.putAttribute(KEYS, List.of("item " + describe(g.key())));
      return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    if (request instanceof QueryRequest q) {
      // The partition a Query reads: its index and the values its key condition names.
      String values = q.hasExpressionAttributeValues() ? new TreeMap<>(q.expressionAttributeValues()).entrySet()
          .stream().map(e -> e.getKey() + "=" + text(e.getValue())).collect(Collectors.joining(",")) : "";
      attributes.putAttribute(KEYS, List.of("query " + (q.indexName() == null ? "table" : q.indexName()) + " " + values));
      return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    if (request instanceof BatchGetItemRequest b) {
      attributes.putAttribute(KEYS, b.requestItems().values().stream()
          .flatMap(k -> k.keys().stream()).map(k -> "item " + describe(k)).toList());
      return b.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    // Writes: their units too, for the projection's write line.
    if (request instanceof PutItemRequest w) {
      return w.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    if (request instanceof UpdateItemRequest w) {
      return w.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    if (request instanceof DeleteItemRequest w) {
      return w.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    }
    return request;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    long bytes = context.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
    long milli = Math.round(1000 * units(response));
    add(operations, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, items(response), bytes, milli, 0);
    List<String> read = attributes.getAttribute(KEYS);
    if (read != null && !read.isEmpty()) {
      // A batch's units are shared out evenly: close enough to find the hot key.
      for (String key : read) {
        add(keys, key, 1, 0, 0, milli / read.size(), 0);
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    add(operations, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, 0, 0, 0, 1);
  }

  private static void add(Map<String, LongAdder[]> map, String name, long calls, long items, long bytes,
      long milli, long failed) {
    LongAdder[] a = map.computeIfAbsent(name, n -> new LongAdder[] {
        new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()});
    a[0].add(calls);
    a[1].add(items);
    a[2].add(bytes);
    a[3].add(milli);
    a[4].add(failed);
  }

  private static double units(SdkResponse response) {
    if (response instanceof GetItemResponse g) {
      return capacity(g.consumedCapacity());
    }
    if (response instanceof QueryResponse q) {
      return capacity(q.consumedCapacity());
    }
    if (response instanceof PutItemResponse w) {
      return capacity(w.consumedCapacity());
    }
    if (response instanceof UpdateItemResponse w) {
      return capacity(w.consumedCapacity());
    }
    if (response instanceof DeleteItemResponse w) {
      return capacity(w.consumedCapacity());
    }
    if (response instanceof BatchGetItemResponse b && b.hasConsumedCapacity()) {
      return b.consumedCapacity().stream().mapToDouble(TableMeter::capacity).sum();
    }
    return 0;
  }

  private static double capacity(ConsumedCapacity c) {
    return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
  }

  private static int items(SdkResponse response) {
    if (response instanceof QueryResponse q) {
      return q.count();
    }
    if (response instanceof GetItemResponse g) {
      return g.hasItem() && !g.item().isEmpty() ? 1 : 0;
    }
    if (response instanceof BatchGetItemResponse b) {
      return b.responses().values().stream().mapToInt(List::size).sum();
    }
    return 0;
  }

  private static String describe(Map<String, AttributeValue> key) {
    return new TreeMap<>(key).values().stream().map(TableMeter::text).collect(Collectors.joining("/"));
  }

  private static String text(AttributeValue v) {
    return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
  }

  Map<String, Totals> operations() {
    return snapshot(operations);
  }

  /** The most read item or partition, by capacity units (then by reads). */
  Optional<Map.Entry<String, Totals>> hottest() {
    return snapshot(keys).entrySet().stream()
        .max(Comparator.comparingLong((Map.Entry<String, Totals> e) -> e.getValue().milliUnits())
            .thenComparingLong(e -> e.getValue().calls()));
  }

  /** The most read single item (GetItem or batch), by reads. */
  Optional<Map.Entry<String, Totals>> hottestItem() {
    return snapshot(keys).entrySet().stream().filter(e -> e.getKey().startsWith("item "))
        .max(Comparator.comparingLong(e -> e.getValue().calls()));
  }

  /** The {@code n} most read items or partitions, by reads. */
  List<Map.Entry<String, Totals>> top(int n) {
    return snapshot(keys).entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> e.getValue().calls()).reversed())
        .limit(n).toList();
  }

  private static Map<String, Totals> snapshot(Map<String, LongAdder[]> map) {
    Map<String, Totals> copy = new TreeMap<>();
    map.forEach((k, a) -> copy.put(k, new Totals(a[0].sum(), a[1].sum(), a[2].sum(), a[3].sum(), a[4].sum())));
    return copy;
  }

  void reset() {
    operations.clear();
    keys.clear();
  }
}
