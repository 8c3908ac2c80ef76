package dev.pressfeed.http;

import static dev.pressfeed.audience.Agents.FEEDLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SPEC §11 on DynamoDB (dynalite), and what a reporting poll costs in DynamoDB calls. */
class AudienceIT extends AudienceContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  private final CallMeter meter = new CallMeter();
  private DynamoDbClient client;
  private String table;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
    table = "audience-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @AfterEach
  void dropTable() {
    client.deleteTable(r -> r.tableName(table));
    client.close();
  }

  @Test
  void aReportingConditionalPollIsTheFeedStateReadAndOnePutItemAndNoOtherRead() throws Exception {
    try (RunningGateway api = new RunningGateway(emptyStore())) {
      api.post(RunningGateway.seedJson());
      Reply full = api.get("/feed.rss");
      api.clock.advance(CachingReleaseStore.STALENESS);
      meter.reset();
      Reply poll = api.get("/feed.rss", "If-None-Match", full.header("ETag"), "User-Agent", FEEDLY);
      assertThat(poll.status()).isEqualTo(304);
      await(() -> meter.calls().size() == 2);
      Thread.sleep(100);
      assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactlyInAnyOrder("GetItem", "PutItem");

      // Polls within the hour with the same count: no call at all within the second.
      meter.reset();
      for (int i = 0; i < 10; i++) {
        assertThat(api.get("/feed.rss", "If-None-Match", full.header("ETag"), "User-Agent", FEEDLY).status()).isEqualTo(304);
      }
      Thread.sleep(100);
      assertThat(meter.calls()).isEmpty();
    }
  }
}
