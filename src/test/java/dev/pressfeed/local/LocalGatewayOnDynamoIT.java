package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local gateway over DynamoDB (as with {@code DYNAMODB_ENDPOINT}): the same answers as over ./data. */
class LocalGatewayOnDynamoIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  @Test
  void aPressOfficesDayWorksOverDynamoDb() throws Exception {
    String table = "gateway-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
      DynamoClients.createTableIfMissing(client, table);
      try (RunningGateway api = new RunningGateway(new DynamoReleaseStore(client, table))) {
        Reply created = api.post(RunningGateway.seedJson(), "Idempotency-Key", "dynamo-1");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.post(RunningGateway.seedJson(), "Idempotency-Key", "dynamo-1").json())
            .isEqualTo(created.json());
        assertThat(api.get("/releases/" + id).json().get("title").asText())
            .isEqualTo(created.json().get("title").asText());
        Reply edited = api.editor("PUT", "/releases/" + id, RunningGateway.seedWith(Map.of("title", "Neu")),
            "If-Match", created.header("ETag"), "Content-Type", "application/json");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(api.editor("PUT", "/releases/" + id, RunningGateway.seedJson(),
            "If-Match", created.header("ETag"), "Content-Type", "application/json").status()).isEqualTo(412);
        assertThat(api.get("/releases").json().get("items")).hasSize(1);
        assertThat(api.get("/feed.rss").text()).contains("<title>Neu</title>");
        assertThat(api.editor("DELETE", "/releases/" + id, null, "If-Match", edited.header("ETag")).status())
            .isEqualTo(204);
        assertThat(api.get("/releases/" + id).status()).isEqualTo(410);
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }

  @Test
  void theLargestBodyAnEditorCanSendFitsADynamoDbItem() throws Exception {
    String table = "gateway-" + UUID.randomUUID();
    try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
      DynamoClients.createTableIfMissing(client, table);
      try (RunningGateway api = new RunningGateway(new DynamoReleaseStore(client, table))) {
        Reply created = api.post(RunningGateway.seedWith(Map.of("body", Fixtures.largestBody())),
            "Idempotency-Key", "largest");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Reply read = api.get("/releases/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("body").asText()).isEqualTo(Fixtures.largestBody());
        assertThat(read.json().get("bodyHtml")).isEqualTo(created.json().get("bodyHtml"));
        assertThat(api.get("/feed.json").text()).contains("😀".repeat(100));
        Reply edited = api.editor("PUT", "/releases/" + id,
            RunningGateway.seedWith(Map.of("title", "Neu", "body", Fixtures.largestBody())),
            "If-Match", created.header("ETag"), "Content-Type", "application/json");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(api.get("/feed.json").json().get("items").get(0).get("title").asText()).isEqualTo("Neu");
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }
}
