package dev.pressfeed.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.http.Response;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The newsroom's paging over DynamoDB (dynalite), and the calls a later page costs there. */
class IndexPagingIT extends IndexPagingContract {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  /** Every operation the store's client sent, in order. */
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private DynamoDbClient client;
  private String tableName;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context,
              ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        }))
        .build();
    tableName = "paging-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    return new DynamoReleaseStore(client, tableName);
  }

  @Override
  protected void closeStore() {
    client.deleteTable(r -> r.tableName(tableName));
    client.close();
  }

  /**
   * A later page reads the feed state, its page and where the page before starts: unfiltered
   * one Query of keys more; filtered one Query of filter entries and one BatchGetItem of the
   * versions and keys of the releases they name. The first page reads none; a 304 still reads
   * the feed state alone. (Rendered pages are kept by ETag: each is measured at its first GET.)
   * Each is measured in a container whose copy of the feed state is a second old.
   */
  @Test
  void aLaterPageReadsWhereThePageBeforeStartsInOneKeysOnlyRead() {
    fresh();
    String second = get(BASE + "/").next().orElseThrow();
    assertThat(operations).as("the first page has no page before").containsExactly("GetItem", "Query");
    String filtered = get(get(BASE + "/?tag=Energie").next().orElseThrow()).next().orElseThrow();

    fresh();
    Response page = pages.handle(request(second, Map.of()));
    assertThat(operations).containsExactly("GetItem", "Query", "Query");

    fresh();
    pages.handle(request(filtered, Map.of()));
    assertThat(operations).containsExactly("GetItem", "Query", "BatchGetItem", "Query", "BatchGetItem");

    fresh();
    assertThat(pages.handle(request(second, Map.of("if-none-match", page.headers().get("ETag"))))
        .status()).isEqualTo(304);
    assertThat(operations).containsExactly("GetItem");
  }

  /** Forgets the calls so far, and lets the container's copy of the feed state age out. */
  private void fresh() {
    clock.advance(CachingReleaseStore.STALENESS);
    operations.clear();
  }
}
