package dev.pressfeed.store.dynamodb;

import dev.pressfeed.push.PushContract;
import dev.pressfeed.release.ReleaseStore;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §10's pings from the local gateway over DynamoDB (dynalite), one table per test. */
class DynamoPushIT extends PushContract {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  @Override
  protected ReleaseStore emptyStore() {
    DynamoDbClient client = DYNALITE.clientBuilder().build();
    String tableName = "push-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    afterwards(() -> {
      client.deleteTable(r -> r.tableName(tableName));
      client.close();
    });
    return new DynamoReleaseStore(client, tableName);
  }
}
