package dev.pressfeed.page;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sitemap and robots.txt over DynamoDB (dynalite): the archive index as AWS keeps it. */
class SitemapApiIT extends SitemapContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();
  private DynamoDbClient client;
  private String table;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().build();
    table = "sitemap-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected void closeStore() {
    client.deleteTable(r -> r.tableName(table));
    client.close();
  }
}
