package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link EveryAcceptedReleaseInEveryFeed} on the DynamoDB store, against dynalite. */
class EveryAcceptedReleaseInEveryFeedIT extends EveryAcceptedReleaseInEveryFeed {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  private DynamoDbClient client;
  private String tableName;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().build();
    tableName = "feeds-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    return new DynamoReleaseStore(client, tableName);
  }

  @Override
  protected int defaultTries() {
    return 50;
  }

  @AfterEach
  void dropTable() {
    if (client != null) {
      client.deleteTable(r -> r.tableName(tableName));
      client.close();
    }
  }
}
