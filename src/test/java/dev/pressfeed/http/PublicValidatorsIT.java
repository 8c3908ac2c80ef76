package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The public validators' rule over DynamoDB (dynalite): the feed state item as AWS keeps it. */
class PublicValidatorsIT extends PublicValidatorsContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();
  private DynamoDbClient client;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().build();
    String table = "validators-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected void closeStore() {
    client.close();
  }
}
