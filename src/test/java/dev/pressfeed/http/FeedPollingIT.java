package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a feed poll costs in DynamoDB calls, against a real DynamoDB-compatible server: one small
 * read per container and second, none for the polls in between.
 */
class FeedPollingIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  @Test
  void aConditionalPollIsOneSmallReadAndAFullOneNeverScans() throws Exception {
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
          // A container whose copy of the feed state is a second old: one small read first.
          api.clock.advance(CachingReleaseStore.STALENESS);
          meter.reset();
          Reply full = api.get(feed);
          assertThat(full.status()).isEqualTo(200);
          if (feed.startsWith("/feed.atom")) {
            // A first Atom page also reads its tombstones (RFC 6721): a Query of the published
            // index's retracted partition, empty here, and only when a page is rendered.
            assertThat(meter.calls()).extracting(CallMeter.Call::operation)
                .containsExactly("GetItem", "Query", "Query");
            assertThat(meter.calls().get(2).items()).isZero();
          } else {
            assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem", "Query");
          }
          assertThat(meter.calls().get(1).items()).isEqualTo(21); // one page and one to know there is more

          // Within the second: the container's copy of the state and its last rendering of it.
          meter.reset();
          Reply again = api.get(feed);
          assertThat(again.body()).isEqualTo(full.body());
          assertThat(again.header("ETag")).isEqualTo(full.header("ETag"));
          assertThat(api.get(feed, "If-None-Match", full.header("ETag")).status()).isEqualTo(304);
          assertThat(meter.calls()).as("polls within the second").isEmpty();

          // A second later: the conditional poll is one small read.
          api.clock.advance(CachingReleaseStore.STALENESS);
          meter.reset();
          Reply conditional = api.get(feed, "If-None-Match", full.header("ETag"));
          assertThat(conditional.status()).isEqualTo(304);
          assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem");
          assertThat(meter.calls().get(0).items()).isEqualTo(1);
          assertThat(meter.calls().get(0).bytes()).isBetween(1L, 4096L);
        }
        api.clock.advance(CachingReleaseStore.STALENESS);
        meter.reset();
        assertThat(api.get("/releases", "If-None-Match", api.get("/releases").header("ETag")).status()).isEqualTo(304);
        assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem", "Query");

        // One release: its full read is the whole item (with its rendering, about 10 KB for the
        // seed); a poll reads only its head, a few hundred bytes of the head index, and only
        // once a second: the write left the container a copy of the head.
        Reply created = api.post(RunningGateway.seedWith(Map.of("title", "Eine Meldung zum Abfragen")));
        String path = "/releases/" + created.json().get("id").asText();
        meter.reset();
        Reply one = api.get(path);
        assertThat(one.status()).isEqualTo(200);
        assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem");
        assertThat(meter.calls().get(0).bytes()).isGreaterThan(4096L);
        meter.reset();
        Reply held = api.get(path, "If-None-Match", one.header("ETag"));
        assertThat(held.status()).isEqualTo(304);
        assertThat(meter.calls()).as("the head the write left").isEmpty();
        api.clock.advance(CachingReleaseStore.STALENESS);
        meter.reset();
        Reply poll = api.get(path, "If-None-Match", one.header("ETag"));
        assertThat(poll.status()).isEqualTo(304);
        assertThat(poll.header("ETag")).isEqualTo(one.header("ETag"));
        assertThat(poll.header("Last-Modified")).isEqualTo(one.header("Last-Modified"));
        assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("Query");
        assertThat(meter.calls().get(0).items()).isEqualTo(1);
        assertThat(meter.calls().get(0).bytes()).isBetween(1L, 1024L);
        meter.reset();
        assertThat(api.get(path, "If-Modified-Since", one.header("Last-Modified")).status()).isEqualTo(304);
        assertThat(meter.calls()).isEmpty();
        // A stale copy: the head does not match, the release itself answers.
        meter.reset();
        Reply stale = api.get(path, "If-None-Match", "\"v0\"");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(one.body());
        assertThat(meter.calls()).extracting(CallMeter.Call::operation).containsExactly("GetItem");
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }
}
