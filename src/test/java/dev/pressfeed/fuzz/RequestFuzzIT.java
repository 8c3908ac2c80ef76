package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The request fuzzer over DynamoDB (dynalite): {@value #REQUESTS} requests per run
 * ({@code -Dpressfeed.fuzz.dynamodb=N}), a new table per session of {@value #PER_SESSION}, on
 * the build's dynalite ({@link Dynalite}: {@code DYNAMODB_ENDPOINT}, or dynalite from
 * {@code target/test-tools}).
 */
class RequestFuzzIT {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  static final int REQUESTS = 10_000;
  static final int PER_SESSION = 300;

  @Test
  void everyAnswerIsASuccessOrAProblemAndNoRefusedWriteChangesAnything() throws Exception {
    Findings findings = new Findings();
    long seed = FuzzRun.seed();
    FuzzRun.Totals totals;
    try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
      totals = FuzzRun.run(new FuzzRun.Stores() {
        @Override
        public ReleaseStore open(int session) {
          String table = "fuzz-" + seed + "-" + session;
          DynamoClients.createTableIfMissing(client, table);
          return new DynamoReleaseStore(client, table);
        }

        @Override
        public void close(int session, ReleaseStore store) {
          client.deleteTable(b -> b.tableName("fuzz-" + seed + "-" + session));
        }
      }, FuzzRun.count("pressfeed.fuzz.dynamodb", REQUESTS), PER_SESSION, seed, findings);
    }
    System.out.println(totals.line("DynamoDB (dynalite)"));
    assertThat(findings.isEmpty())
        .as("%d distinct failures (seed %d; -Dpressfeed.fuzz.seed=%d repeats the run):%s",
            findings.size(), seed, seed, findings.report())
        .isTrue();
    assertThat(totals.accepted()).as("accepted writes (feeds are read after each)").isGreaterThan(totals.requests() / 40);
  }
}
