package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.push.Outbox;
import dev.pressfeed.push.OutboxContract;
import dev.pressfeed.push.Ping;
import dev.pressfeed.release.EditorView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB outbox against dynalite: items of the releases table, listed without a Scan. */
class DynamoOutboxIT extends OutboxContract {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  private final List<String> operations = new CopyOnWriteArrayList<>();
  private DynamoDbClient client;
  private String tableName;
  private DynamoReleaseStore store;

  @Override
  protected Outbox emptyOutbox() {
    client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        }))
        .build();
    tableName = "outbox-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    operations.clear();
    store = new DynamoReleaseStore(client, tableName);
    return store.outbox();
  }

  @AfterEach
  void dropTable() {
    client.deleteTable(r -> r.tableName(tableName));
    client.close();
  }

  @Test
  void pingsAreListedByAQueryNeverAScanAndEditorsNeverSeeThem() {
    Outbox outbox = emptyOutbox();
    Instant due = Instant.parse("2026-11-26T09:00:00Z");
    outbox.enqueue(new Ping("a", List.of("/feed.rss"), due, 0));
    operations.clear();
    assertThat(outbox.due(due, 10)).hasSize(1);
    assertThat(outbox.next()).contains(due);
    assertThat(operations).containsOnly("Query");
    assertThat(store.forEditors(EditorView.ALL, Optional.empty(), 10, due).items()).isEmpty();
  }
}
