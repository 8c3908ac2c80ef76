package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a feed poll costs in DynamoDB calls, against a real DynamoDB-compatible server. */
class FeedPollingIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  @Test
  void aConditionalPollIsOneSmallGetItemAndAFullOneNeverScans() throws Exception {
    CallMeter meter = new CallMeter();
    String table = "polling-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build()) {
      DynamoClients.createTableIfMissing(client, table);
      try (RunningGateway api = new RunningGateway(new DynamoReleaseStore(client, table))) {
        for (int i = 0; i < 25; i++) {
          api.post(RunningGateway.seedWith(Map.of("title", "Meldung " + i)));
        }
        for (String feed : FeedPollingTest.FEEDS) {
          meter.reset();
          Reply full = api.get(feed);
          assertThat(full.status()).isEqualTo(200);
          assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem", "Query");
          assertThat(meter.calls().get(1).items()).isEqualTo(21); // one page and one to know there is more

          // A reader without validators: the container's last rendering of this very state.
          meter.reset();
          Reply again = api.get(feed);
          assertThat(again.body()).isEqualTo(full.body());
          assertThat(again.header("ETag")).isEqualTo(full.header("ETag"));
          assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem");

          meter.reset();
          Reply conditional = api.get(feed, "If-None-Match", full.header("ETag"));
          assertThat(conditional.status()).isEqualTo(304);
          assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem");
          assertThat(meter.calls().get(0).items()).isEqualTo(1);
          assertThat(meter.calls().get(0).bytes()).isBetween(1L, 4096L);
        }
        meter.reset();
        assertThat(api.get("/releases", "If-None-Match", api.get("/releases").header("ETag")).status()).isEqualTo(304);
        assertThat(meter.calls()).extracting(CallMeter.Call::operation)
            .containsExactly("GetItem", "Query", "GetItem");
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }
}
