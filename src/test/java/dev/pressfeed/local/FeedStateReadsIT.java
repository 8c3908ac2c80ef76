package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reads per poll and per second from a run, not from arithmetic: two local gateways (two
 * containers, each with its own DynamoDB client and application) over one dynalite table,
 * polled from several threads each for a few seconds, conditionally and not, while an editor
 * publishes through one of them. Each container's clock follows real time, so its copy of the
 * feed state ages as in production. Every container must read the feed state item at most once
 * per {@link CachingReleaseStore#STALENESS} (plus the first read), however many polls it serves.
 */
class FeedStateReadsIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  private static final Duration RUN = Duration.ofSeconds(4);
  private static final int THREADS_PER_CONTAINER = 3;
  private static final List<String> FEEDS = List.of("/feed.rss", "/feed.atom", "/feed.json");
  /** A POST reads the stored feed state twice: before and after the release's own write. */
  private static final int WRITE_READS = 2;

  /** One container: its gateway, the calls its client made, its polls. */
  private record Container(String name, RunningGateway gateway, CallMeter meter, AtomicLong polls,
      AtomicLong notModified) {
    long getItems() {
      return meter.calls().stream().filter(c -> c.operation().equals("GetItem")).count();
    }
  }

  @Test
  void eachContainerReadsTheFeedStateAtMostOncePerSecondWhateverThePollRate() throws Exception {
    String table = "reads-" + UUID.randomUUID();
    List<DynamoDbClient> clients = new ArrayList<>();
    List<Container> containers = new ArrayList<>();
    try {
      for (String name : List.of("A", "B")) {
        CallMeter meter = new CallMeter();
        DynamoDbClient client = DYNALITE.clientBuilder()
            .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
        clients.add(client);
        DynamoClients.createTableIfMissing(client, table);
        containers.add(new Container(name, new RunningGateway(new DynamoReleaseStore(client, table)),
            meter, new AtomicLong(), new AtomicLong()));
      }
      Container editorial = containers.get(0);
      for (int i = 0; i < 20; i++) {
        assertThat(editorial.gateway().post(RunningGateway.seedWith(Map.of("title", "Meldung " + i))).status())
            .isEqualTo(201);
      }

      // The clocks follow real time from here on.
      AtomicBoolean running = new AtomicBoolean(true);
      Instant start = editorial.gateway().clock.instant().plus(Duration.ofMinutes(1));
      long t0 = System.nanoTime();
      Thread ticker = new Thread(() -> {
        while (running.get()) {
          Instant now = start.plusNanos(System.nanoTime() - t0);
          containers.forEach(c -> c.gateway().clock.set(now));
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "clock");
      ticker.start();
      Thread.sleep(20);
      containers.forEach(c -> c.meter().reset());

      List<String> errors = new CopyOnWriteArrayList<>();
      List<Thread> pollers = new ArrayList<>();
      for (Container container : containers) {
        for (int t = 0; t < THREADS_PER_CONTAINER; t++) {
          pollers.add(new Thread(() -> poll(container, running, errors), "poller-" + container.name()));
        }
      }
      long started = System.nanoTime();
      pollers.forEach(Thread::start);
      // Half-way, an editor publishes through container A.
      Thread.sleep(RUN.toMillis() / 2);
      Reply published = editorial.gateway().post(RunningGateway.seedWith(Map.of("title", "Mitten im Lauf")));
      assertThat(published.status()).isEqualTo(201);
      Thread.sleep(RUN.toMillis() / 2);
      running.set(false);
      for (Thread poller : pollers) {
        poller.join(10_000);
      }
      ticker.join(10_000);
      double seconds = (System.nanoTime() - started) / 1e9;

      long allowed = (long) Math.ceil(seconds / (CachingReleaseStore.STALENESS.toMillis() / 1000.0)) + 1;
      long totalPolls = 0;
      long totalReads = 0;
      for (Container c : containers) {
        long polls = c.polls().get();
        long stateReads = c.getItems();
        totalPolls += polls;
        totalReads += stateReads;
        System.out.printf(Locale.ROOT, "container %s: %d polls in %.1f s (%.0f polls/s, %d%% 304), "
                + "%d feed state GetItems%s (%.2f/s), %.5f per poll%n",
            c.name(), polls, seconds, polls / seconds, 100 * c.notModified().get() / Math.max(1, polls),
            stateReads, c == editorial ? ", " + WRITE_READS + " of them by the editor's write" : "",
            stateReads / seconds, stateReads / (double) polls);
      }
      System.out.printf(Locale.ROOT, "both: %d polls (%.0f/s), %d feed state GetItems (%.2f/s), "
              + "%.5f per poll%n",
          totalPolls, totalPolls / seconds, totalReads, totalReads / seconds, totalReads / (double) totalPolls);

      assertThat(errors).as("every poll answered 200 or 304").isEmpty();
      for (Container c : containers) {
        assertThat(c.polls().get()).as("polls served by container " + c.name()).isGreaterThan(100);
        // The editor's POST reads the stored state twice (before and after the release's write).
        assertThat(c.getItems() - (c == editorial ? WRITE_READS : 0))
            .as("feed state reads of container %s's polls in %.1f s", c.name(), seconds)
            .isLessThanOrEqualTo(allowed);
      }

      // The release published half-way is in both containers' feeds (B's copy is at most a second old).
      for (Container c : containers) {
        assertThat(c.gateway().get("/feed.json").text()).contains("Mitten im Lauf");
      }
    } finally {
      containers.forEach(c -> c.gateway().close());
      if (!clients.isEmpty()) {
        clients.get(0).deleteTable(r -> r.tableName(table));
      }
      clients.forEach(DynamoDbClient::close);
    }
  }

  /** Polls the three feeds in turn, every other time with the validator it got last. */
  private static void poll(Container container, AtomicBoolean running, List<String> errors) {
    Map<String, String> etags = new HashMap<>();
    long n = 0;
    while (running.get()) {
      String feed = FEEDS.get((int) (n % FEEDS.size()));
      String etag = etags.get(feed);
      Reply reply = n % 2 == 1 && etag != null
          ? container.gateway().get(feed, "If-None-Match", etag)
          : container.gateway().get(feed);
      n++;
      container.polls().incrementAndGet();
      if (reply.status() == 304) {
        container.notModified().incrementAndGet();
      } else if (reply.status() == 200) {
        etags.put(feed, reply.header("ETag"));
      } else {
        errors.add(container.name() + " " + feed + ": " + reply.status() + " " + reply.text());
      }
    }
  }
}
