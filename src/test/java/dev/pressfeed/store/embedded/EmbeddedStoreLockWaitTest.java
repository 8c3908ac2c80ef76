package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.lambda.ReleasesHandler;
import dev.pressfeed.release.Deadline;
import dev.pressfeed.release.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call stuck in the embedded store (a write waiting out another process's lock) must not
 * hold every other request behind it: a request waits for the store no longer than its budget
 * and answers 503 with {@code Retry-After}.
 */
class EmbeddedStoreLockWaitTest {

  /** Longer than any request budget: without a bounded lock wait, readers queue this long. */
  private static final Duration BUSY = Duration.ofSeconds(8);
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir
  Path directory;

  private ExecutorService threads;
  private EmbeddedReleaseStore store;
  private Connection otherProcess;

  @BeforeEach
  void aWriteStuckBehindAnotherProcessesLock() throws Exception {
    threads = Executors.newSingleThreadExecutor();
    store = EmbeddedReleaseStore.open(directory, BUSY);
    otherProcess = DriverManager.getConnection("jdbc:sqlite:"
        + directory.resolve(EmbeddedReleaseStore.FILE_NAME).toAbsolutePath());
    try (Statement s = otherProcess.createStatement()) {
      s.execute("BEGIN EXCLUSIVE"); // in WAL mode: holds off writers, not readers
    }
  }

  @AfterEach
  void release() throws Exception {
    try {
      try (Statement s = otherProcess.createStatement()) {
        s.execute("ROLLBACK");
      }
      otherProcess.close();
    } finally {
      threads.shutdownNow();
      assertThat(threads.awaitTermination(BUSY.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
      store.close();
    }
  }

  @Test
  void aCallWaitsForTheStoreNoLongerThanTheRequestsDeadline() throws Exception {
    Future<?> stuck = stuckWrite();

    long start = System.nanoTime();
    assertThatThrownBy(() -> Deadline.within(Duration.ofMillis(500), () -> store.feedState()))
        .isInstanceOf(StoreUnavailableException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.printf("EmbeddedStoreLockWaitTest: read behind a stuck write -> StoreUnavailable in %.2f s%n",
        took.toMillis() / 1000.0);
    assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofMillis(2_000));
    assertThat(stuck.isDone()).as("the stuck write still waits").isFalse();
  }

  @Test
  void aReaderBehindAStuckWriteGets503InTimeThroughTheHandler() throws Exception {
    stuckWrite();
    ReleasesHandler handler = new ReleasesHandler(new Application(Config.from(Map.of()), store, Clock.systemUTC()));

    long start = System.nanoTime();
    APIGatewayV2HTTPResponse response = handler.handle(APIGatewayV2HTTPEvent.builder()
        .withRawPath("/releases")
        .withHeaders(Map.of("host", "localhost"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("lock-wait-test")
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/releases").build())
            .build())
        .build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.printf("EmbeddedStoreLockWaitTest: GET /releases behind a stuck write -> %d in %.2f s%n",
        response.getStatusCode(), took.toMillis() / 1000.0);
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders()).containsKey("Retry-After");
    assertThat(took).as("within the request budget, well before the stuck write gives up")
        .isLessThan(Duration.ofSeconds(5));
  }

  /** A write on another thread, waiting inside the store for the other process's lock. */
  private Future<?> stuckWrite() throws InterruptedException {
    Future<?> stuck = threads.submit(() -> store.insert(SampleReleases.published("2025-03-01-stuck", NOW)));
    Thread.sleep(300); // it has taken the store's lock and waits in SQLite
    assertThat(stuck.isDone()).as("the write waits for the other process").isFalse();
    return stuck;
  }
}
