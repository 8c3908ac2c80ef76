package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.CachingReleaseStoreContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The container's copy over DynamoDB (dynalite), one table per test; the other container has a
 * client of its own on the same table, as another Lambda container has.
 */
class CachingDynamoStoreIT extends CachingReleaseStoreContract {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  private final CallMeter meter = new CallMeter();
  private final List<DynamoDbClient> clients = new ArrayList<>();
  private final List<String> tables = new ArrayList<>();

  @Override
  protected ReleaseStore emptyStore() {
    DynamoDbClient client = DYNALITE.clientBuilder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
    clients.add(client);
    String table = "caching-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, table);
    tables.add(table);
    return new DynamoReleaseStore(client, table);
  }

  @Override
  protected ReleaseStore sameData(ReleaseStore store) {
    DynamoDbClient client = DYNALITE.clientBuilder().build();
    clients.add(client);
    return new DynamoReleaseStore(client, tables.get(tables.size() - 1));
  }

  @AfterEach
  void dropTables() {
    for (String table : tables) {
      try {
        clients.get(0).deleteTable(r -> r.tableName(table));
      } catch (ResourceNotFoundException e) {
        // On a loaded machine the first attempt can time out after dynalite deleted the
        // table; the SDK's retry then finds it gone.
      }
    }
    clients.forEach(DynamoDbClient::close);
  }

  @Test
  void pollsWithinTheSecondSendNoGetItemAndA304OfOneReleaseNoCallAtAll() {
    Application application = new Application(Config.from(Map.of()), emptyStore(), clock);
    Router feeds = application.feedRouter();
    Router releases = application.publicRouter();
    Response created = application.editorRouter().handle(new Request("POST", "/releases", Map.of(),
        Map.of("content-type", "application/json"),
        RunningGateway.seedWith(Map.of("title", "Gezählt")).getBytes(StandardCharsets.UTF_8),
        Optional.of(new Request.Editor("redaktion")), "https://presse.example.org"));
    assertThat(created.status()).isEqualTo(201);
    String path = "/releases/" + created.headers().get("Location").replaceAll(".*/", "");
    Response feed = feeds.handle(get("/feed.rss", Map.of()));
    Response one = releases.handle(get(path, Map.of()));
    meter.reset();

    for (int i = 0; i < 100; i++) {
      assertThat(feeds.handle(get("/feed.rss", Map.of("if-none-match", feed.headers().get("ETag")))).status())
          .isEqualTo(304);
      assertThat(feeds.handle(get("/feed.rss", Map.of())).status()).isEqualTo(200);
      assertThat(releases.handle(get(path, Map.of("if-none-match", one.headers().get("ETag")))).status())
          .isEqualTo(304);
    }
    assertThat(meter.calls()).as("300 polls within the second the write left its copy").isEmpty();

    clock.advance(CachingReleaseStore.STALENESS);
    for (int i = 0; i < 100; i++) {
      assertThat(feeds.handle(get("/feed.rss", Map.of("if-none-match", feed.headers().get("ETag")))).status())
          .isEqualTo(304);
      assertThat(releases.handle(get(path, Map.of("if-none-match", one.headers().get("ETag")))).status())
          .isEqualTo(304);
    }
    assertThat(meter.calls()).extracting(CallMeter.Call::operation)
        .as("one small read of the feed state, one of the release's head")
        .containsExactly("GetItem", "Query");
    assertThat(meter.calls()).allSatisfy(call -> assertThat(call.bytes()).isBetween(1L, 4096L));
  }

  private static Request get(String path, Map<String, String> headers) {
    return new Request("GET", path, Map.of(), headers, null, Optional.empty(), "https://presse.example.org");
  }
}
