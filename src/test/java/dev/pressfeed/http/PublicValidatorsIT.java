package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.ReleaseTable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The public validators' rule over DynamoDB (dynalite): the feed state item as AWS keeps it. */
class PublicValidatorsIT extends PublicValidatorsContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();
  /** The keys of the items each PutItem wrote, in order. */
  private final List<String> puts = new CopyOnWriteArrayList<>();
  private DynamoDbClient client;

  @Override
  protected ReleaseStore emptyStore() {
    ExecutionInterceptor keys = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
          puts.add(put.item().get(ReleaseTable.PK).s());
        }
      }
    };
    client = DYNALITE.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(keys)).build();
    String table = "validators-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected void closeStore() {
    client.close();
  }

  private long feedStateWrites() {
    // The feed state item's key (ReleaseTable.FEED_STATE_KEY, package-private there).
    return puts.stream().filter("feed#state"::equals).count();
  }

  @Test
  void aDraftWritesNoFeedStateAndAScheduledReleaseOnlyItsEmbargoEnd() {
    puts.clear();
    api.post(RunningGateway.seedWith(Map.of("title", "Entwurf", "status", "draft")));
    assertThat(feedStateWrites()).as("draft POST").isZero();

    puts.clear();
    api.post(RunningGateway.seedWith(Map.of("title", "Geplant",
        "publishAt", api.clock.instant().plusSeconds(3600).toString())));
    assertThat(feedStateWrites()).as("scheduled POST: its end, recorded before the release").isEqualTo(1);

    puts.clear();
    api.post(RunningGateway.seedWith(Map.of("title", "Veröffentlicht")));
    assertThat(feedStateWrites()).as("published POST: before and after the release").isEqualTo(2);
  }
}
