package dev.pressfeed.bench;

import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.ReleaseTable;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB round trips as a handler's JVM makes them: run by {@link LambdaStartBenchmark} in a
 * child JVM with the Lambda runtime's options (C1 only, the template's
 * {@code JAVA_TOOL_OPTIONS}) and the Lambda package's SDK, the client built as the handlers
 * build it. Prints {@code name.warm=p50} and {@code name.settled=p50} lines for the feed-state
 * {@code GetItem} a 304 reads and the feed page {@code Query}, in the order the benchmark
 * invokes a handler: one untimed first call, 200 timed ("warm"), 400 untimed, 200 timed
 * ("settled").
 *
 * <p>Arguments: the DynamoDB endpoint and the table.
 */
public final class RoundTrips {

  private RoundTrips() {}

  public static void main(String[] args) {
    try (DynamoDbClient client = DynamoClients.create("eu-central-1", Optional.of(URI.create(args[0])), false)) {
      print("getItem", feedState(client, args[1]));
      print("query", feedPage(client, args[1]));
    }
  }

  /** The feed page's query: the newest 21 of the published index (page size + 1); true when it found 21. */
  static BooleanSupplier feedPage(DynamoDbClient client, String table) {
    return () -> client.query(q -> q.tableName(table).indexName(ReleaseTable.PUBLISHED_INDEX)
        .keyConditionExpression("#pk = :pk AND #sk <= :sk")
        .expressionAttributeNames(Map.of("#pk", ReleaseTable.PUBLISHED_PK, "#sk", ReleaseTable.PUBLISHED_SK))
        // "~" sorts after every timestamp key: the newest page, as the feed reads it
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ReleaseTable.PUBLISHED_PARTITION),
            ":sk", AttributeValue.fromS("~")))
        .scanIndexForward(false).limit(21)).count() == 21;
  }

  /** The read a 304 costs: the small feed-state item, strongly consistent; true when found. */
  static BooleanSupplier feedState(DynamoDbClient client, String table) {
    // ReleaseTable.FEED_STATE_KEY, which the store keeps package-private
    Map<String, AttributeValue> key = Map.of(ReleaseTable.PK, AttributeValue.fromS("feed#state"));
    return () -> client.getItem(g -> g.tableName(table).key(key).consistentRead(true)).hasItem();
  }

  private static void print(String name, BooleanSupplier call) {
    call.getAsBoolean();
    System.out.println(name + ".warm=" + p50(name, call));
    for (int i = 0; i < 400; i++) {
      call.getAsBoolean();
    }
    System.out.println(name + ".settled=" + p50(name, call));
  }

  private static double p50(String name, BooleanSupplier call) {
    double[] times = new double[200];
    for (int i = 0; i < times.length; i++) {
      long started = System.nanoTime();
      if (!call.getAsBoolean()) {
        throw new IllegalStateException(name + " found nothing: the benchmark reads the wrong item");
      }
      times[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(times);
    return times[99];
  }
}
