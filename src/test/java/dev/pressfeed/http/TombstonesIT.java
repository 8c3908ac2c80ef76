package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Withdrawal signals over DynamoDB (dynalite): the published index's retracted partition. */
class TombstonesIT extends TombstonesContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();
  private DynamoDbClient client;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().build();
    String table = "tombstones-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected void closeStore() {
    client.close();
  }
}
