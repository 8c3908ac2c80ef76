package dev.pressfeed.page;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Hostile texts through every newsroom page over DynamoDB (dynalite): what AWS stores and gives back. */
class HostilePagesIT extends HostilePagesContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();
  private DynamoDbClient client;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().build();
    String table = "hostile-pages-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected void closeStore() {
    client.close();
  }
}
