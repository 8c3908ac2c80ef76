package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Report;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.AudienceBookContract;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audience as items of the releases table on a real DynamoDB-compatible server (dynalite):
 * one conditional PutItem per report and nothing read first, keys under the prefix the feed
 * function's IAM condition allows, a TTL, and listed by a Query of the editor index.
 */
class DynamoAudienceBookIT extends AudienceBookContract {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  private final CallMeter meter = new CallMeter();
  private DynamoDbClient client;
  private String tableName;

  @Override
  protected ReleaseStore emptyStore() {
    client = DYNALITE.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
    tableName = "audience-" + UUID.randomUUID();
    DynamoClients.createTableIfMissing(client, tableName);
    meter.reset();
    return new DynamoReleaseStore(client, tableName);
  }

  @AfterEach
  void dropTable() {
    client.deleteTable(r -> r.tableName(tableName));
    client.close();
  }

  @Test
  void aReportIsOneConditionalPutItemOfAnAudienceKeyWithATimeToLive() {
    assertThat(book.record(FEED, new Report("Feedbin", "1234", 7), T)).isTrue();
    assertThat(book.record(FEED, new Report("Feedbin", "1234", 7), T.plusSeconds(60))).isFalse();
    assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("PutItem", "PutItem");
    assertThat(meter.calls()).extracting(CallMeter.Call::failed).as("the second lost its condition").containsExactly(false, true);

    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName)
        .key(Map.of(ReleaseTable.PK, AttributeValue.fromS(DynamoAudienceBook.key(FEED, "Feedbin", "1234"))))).item();
    assertThat(item.get(ReleaseTable.PK).s()).startsWith(ReleaseTable.AUDIENCE_PREFIX);
    assertThat(Long.parseLong(item.get(ReleaseTable.EXPIRES_AT).n()))
        .isEqualTo(T.plus(AudienceBook.KEPT_FOR).getEpochSecond());
    assertThat(item.get(ReleaseTable.EDITOR_PK).s()).isEqualTo(ReleaseTable.AUDIENCE_PARTITION);
    assertThat(item).doesNotContainKeys(ReleaseTable.PUBLISHED_PK, ReleaseTable.HEAD_PK, ReleaseTable.FILTER_PK);

    meter.reset();
    book.since(T, 1_000);
    assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("Query");
  }

  @Test
  void audienceItemsShareTheEditorIndexWithoutJoiningTheEditorsList() {
    TestClock clock = new TestClock(T);
    Newsroom newsroom = new Newsroom(store, clock);
    newsroom.create(Fixtures.input("Eine Meldung", null, java.util.List.of(), "de"));
    book.record(FEED, new Report("Feedly", "", 16), T.plus(Duration.ofMinutes(1)));
    assertThat(store.forEditors(EditorView.ALL, Optional.empty(), 20, clock.instant()).items()).hasSize(1);
    assertThat(book.since(T, 10)).singleElement().satisfies(r -> assertThat(r.reader()).isEqualTo("Feedly"));
  }
}
