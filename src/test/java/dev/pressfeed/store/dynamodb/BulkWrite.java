package dev.pressfeed.store.dynamodb;

import dev.pressfeed.release.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Release items written 25 at a time, as {@link ReleaseTable} maps them, without their filter
 * entries or the feed state: a large archive for tests that measure reads, in seconds.
 */
public final class BulkWrite {

  private BulkWrite() {}

  public static void releases(DynamoDbClient client, String table, List<Release> releases) {
    for (int from = 0; from < releases.size(); from += 25) {
      List<WriteRequest> requests = new ArrayList<>();
      for (Release release : releases.subList(from, Math.min(releases.size(), from + 25))) {
        requests.add(WriteRequest.builder().putRequest(p -> p.item(ReleaseTable.item(release))).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(table, requests);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> batch = pending;
        BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(batch));
        pending = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()
            ? response.unprocessedItems() : Map.of();
      }
    }
  }
}
