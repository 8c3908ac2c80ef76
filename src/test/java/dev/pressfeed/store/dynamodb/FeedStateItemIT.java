package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.FeedState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The feed state item: an item written before editions and embargo owners still reads. */
class FeedStateItemIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  @Test
  void anItemInTheOlderListFormatReadsAndIsReplacedByTheNewOne() {
    String table = "feed-state-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
      DynamoClients.createTableIfMissing(client, table);
      client.putItem(r -> r.tableName(table).item(Map.of(
          ReleaseTable.PK, AttributeValue.fromS(ReleaseTable.FEED_STATE_KEY),
          ReleaseTable.REVISION, AttributeValue.fromN("7"),
          ReleaseTable.CHANGED_AT, AttributeValue.fromN("1700000000000"),
          ReleaseTable.EMBARGOES, AttributeValue.fromL(List.of(
              AttributeValue.fromN("1700000600000"), AttributeValue.fromN("1700000900000"))))));
      DynamoReleaseStore store = new DynamoReleaseStore(client, table);

      FeedState old = store.feedState();
      assertThat(old).isEqualTo(new FeedState(7, 7, Instant.ofEpochMilli(1_700_000_000_000L), List.of(
          FeedState.Embargo.unowned(Instant.ofEpochMilli(1_700_000_600_000L)),
          FeedState.Embargo.unowned(Instant.ofEpochMilli(1_700_000_900_000L)))));

      Instant now = Instant.ofEpochMilli(1_700_000_100_000L);
      FeedState next = old.recording(new FeedState.Embargo(Instant.ofEpochMilli(1_700_000_700_000L),
          "urn:uuid:0f8e3c1a-5d2b-4e57-9a61-2f9c8b7d6e54", 3), now).successorOf(old);
      assertThat(store.replaceFeedState(next, 7)).isTrue();
      assertThat(store.feedState()).isEqualTo(next);
      assertThat(next.edition()).as("recording an embargo is no public change").isEqualTo(7);
      assertThat(next.revision()).isEqualTo(8);
      Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
          .key(ReleaseTable.key(ReleaseTable.FEED_STATE_KEY))).item();
      assertThat(item.get(ReleaseTable.EMBARGOES).l()).extracting(v -> v.n() != null)
          .containsExactly(true, false, true);
    }
  }
}
