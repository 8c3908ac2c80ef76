package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.lambda.Invocations.Answer;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.FaultProxy;
import dev.pressfeed.store.dynamodb.FaultProxy.Fault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A hung or failing DynamoDB costs a reader a 503 with {@code Retry-After} well inside the
 * function's 10 s, on every kind of route (a list, a feed, a feed poll, a POST of several calls),
 * and the same process and client serve again once DynamoDB does. Through the handlers as the
 * Lambda runtime calls them, over the production client ({@link DynamoClients#create}).
 *
 * <p>A dynalite process of its own, frozen with {@code kill -STOP} (the socket accepts, nothing
 * answers: a hung table); and a {@link FaultProxy} in front of it that holds answers, answers
 * late, drops connections and answers 500 or throttling errors.
 */
class HungDynamoIT {

  /** Well inside Lambda's 10 s: the request budget (4 s) and a margin for a loaded build machine. */
  static final Duration BOUND = Duration.ofSeconds(5);

  static Dynalite.Server server;
  static long pid;
  static FaultProxy proxy;
  static DynamoDbClient direct;
  static DynamoDbClient proxied;
  static Handlers onDynalite;
  static Handlers behindProxy;
  static final List<String> FIGURES = new ArrayList<>();
  /** The system clock, which a test may move ahead: past the container's copy of the feed state. */
  static final AheadClock CLOCK = new AheadClock();

  static final class AheadClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    void skip(Duration duration) {
      ahead = ahead.plus(duration);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  record Handlers(RequestStreamHandler releases, RequestStreamHandler feeds, RequestStreamHandler editor) {
    static Handlers over(DynamoDbClient client, String table) {
      Application application = new Application(Config.from(Map.of()),
          new DynamoReleaseStore(client, table), CLOCK);
      return new Handlers(new ReleasesHandler(application), new FeedHandler(application),
          new EditorHandler(application));
    }
  }

  @BeforeAll
  static void startDynaliteOfOurOwn() throws IOException {
    server = Dynalite.Server.start();
    pid = server.pid().orElseThrow(() -> new IllegalStateException(
        "this test freezes a dynalite process of its own: unset DYNAMODB_ENDPOINT and run `mvn verify`"));
    boolean credentials = System.getenv("AWS_ACCESS_KEY_ID") != null;
    String table = "releases-hung-" + UUID.randomUUID();
    direct = DynamoClients.create("eu-central-1", Optional.of(server.endpoint()), credentials);
    DynamoClients.createTableIfMissing(direct, table);
    proxy = new FaultProxy(server.endpoint());
    proxied = DynamoClients.create("eu-central-1", Optional.of(proxy.endpoint()), credentials);
    onDynalite = Handlers.over(direct, table);
    behindProxy = Handlers.over(proxied, table);
    assertThat(post(onDynalite).status()).as("the seed release is stored").isEqualTo(201);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    try {
      if (pid != 0) {
        signal("CONT"); // never leave it frozen, whatever failed
      }
      if (proxy != null) {
        proxy.close();
      }
      if (direct != null) {
        direct.close();
      }
      if (proxied != null) {
        proxied.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      FIGURES.forEach(System.out::println);
    }
  }

  @Test
  void aFrozenDynamoDbGives503WithRetryAfterInTimeOnEveryKindOfRouteThenTheSameClientServesAgain()
      throws Exception {
    String etag = ready(onDynalite);
    signal("STOP");
    try {
      answersUnavailableInTime(onDynalite, "dynalite frozen (SIGSTOP)", etag);
    } finally {
      signal("CONT");
    }
    servesAgain(onDynalite);
  }

  @Test
  void heldAnswersGive503InTime() throws Exception {
    faultThenRecovery(Fault.HOLD, "proxy holds every answer");
  }

  @Test
  void slowAnswersAddUpToNoMoreThanTheRequestBudget() throws Exception {
    // Each call answers, 900 ms late (below the attempt timeout, so no call times out). Reads
    // of one or two calls still answer 200; a POST's six or seven calls in a row would take
    // about 6 s, and the request's deadline ends it with a 503 instead.
    String what = "proxy answers each call " + FaultProxy.SLOW_ANSWER_MILLIS + " ms late";
    String etag = ready(behindProxy);
    proxy.set(Fault.SLOW);
    try {
      assertThat(timed(what, "GET /releases", () -> get(behindProxy.releases(), "/releases", Map.of())).status())
          .isEqualTo(200);
      assertThat(timed(what, "GET /feed.rss If-None-Match",
          () -> get(behindProxy.feeds(), "/feed.rss", Map.of("if-none-match", etag))).status())
          .isEqualTo(304);
      unavailable(what, "POST /releases", timed(what, "POST /releases", () -> post(behindProxy)));
    } finally {
      proxy.set(Fault.NONE);
    }
    servesAgain(behindProxy);
  }

  @Test
  void droppedConnectionsGive503InTime() throws Exception {
    faultThenRecovery(Fault.DROP, "proxy drops every connection");
  }

  @Test
  void internalServerErrorsGive503InTime() throws Exception {
    faultThenRecovery(Fault.ERROR_500, "proxy answers 500 InternalServerError");
  }

  @Test
  void throttlingGives503InTime() throws Exception {
    faultThenRecovery(Fault.THROTTLE, "proxy answers 400 ThrottlingException");
  }

  private static void faultThenRecovery(Fault fault, String what) throws Exception {
    String etag = ready(behindProxy);
    proxy.set(fault);
    try {
      answersUnavailableInTime(behindProxy, what, etag);
    } finally {
      proxy.set(Fault.NONE);
    }
    servesAgain(behindProxy);
  }

  /** Healthy first; the feed's validator for the conditional GET. */
  private static String ready(Handlers handlers) {
    assertThat(get(handlers.releases(), "/releases", Map.of()).status()).isEqualTo(200);
    Answer feed = get(handlers.feeds(), "/feed.rss", Map.of());
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.header("ETag")).isNotBlank();
    // The container's copy of the feed state would answer the next second's polls without
    // DynamoDB (and the kept renderings their bodies): let it age out, so the fault meets a read.
    CLOCK.skip(CachingReleaseStore.STALENESS);
    return feed.header("ETag");
  }

  private static void answersUnavailableInTime(Handlers handlers, String fault, String etag) {
    record Case(String name, java.util.function.Supplier<Answer> call) {}
    List<Case> cases = List.of(
        new Case("GET /releases", () -> get(handlers.releases(), "/releases", Map.of())),
        new Case("GET /feed.rss", () -> get(handlers.feeds(), "/feed.rss", Map.of())),
        new Case("GET /feed.rss If-None-Match", () -> get(handlers.feeds(), "/feed.rss", Map.of("if-none-match", etag))),
        new Case("POST /releases", () -> post(handlers)));
    for (Case c : cases) {
      unavailable(fault, c.name(), timed(fault, c.name(), c.call()));
    }
  }

  /** The answer, checked to have come within {@link #BOUND}; the figure printed at the end. */
  private static Answer timed(String fault, String name, java.util.function.Supplier<Answer> call) {
    long start = System.nanoTime();
    Answer answer = call.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    FIGURES.add(String.format("HungDynamoIT: %-45s %-30s -> %d in %.2f s", fault, name,
        answer.status(), took.toMillis() / 1000.0));
    assertThat(took).as("%s: %s answered within %s", fault, name, BOUND).isLessThanOrEqualTo(BOUND);
    return answer;
  }

  private static void unavailable(String fault, String name, Answer answer) {
    assertThat(answer.status()).as("%s: %s (%s)", fault, name, answer.body()).isEqualTo(503);
    assertThat(answer.header("Retry-After")).as("%s: %s", fault, name).isNotBlank();
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
  }

  private static void servesAgain(Handlers handlers) {
    // The same handlers, store and SDK client as before the fault.
    assertThat(get(handlers.releases(), "/releases", Map.of()).status()).isEqualTo(200);
    assertThat(get(handlers.feeds(), "/feed.rss", Map.of()).status()).isEqualTo(200);
    assertThat(post(handlers).status()).isEqualTo(201);
  }

  private static Answer get(RequestStreamHandler handler, String path, Map<String, String> headers) {
    return Invocations.invoke(handler, Invocations.event("GET", path, headers, null, null, requestId()),
        UUID.randomUUID().toString());
  }

  private static Answer post(Handlers handlers) {
    ObjectNode event = Invocations.event("POST", "/releases",
        Map.of("authorization", "Bearer test-token", "content-type", "application/json",
            "idempotency-key", UUID.randomUUID().toString()),
        Map.of("sub", "editor-1", LambdaEvents.GROUPS_CLAIM, "[" + LambdaEvents.EDITORS_GROUP + "]"),
        RunningGateway.seedJson(), requestId());
    return Invocations.invoke(handlers.editor(), event, UUID.randomUUID().toString());
  }

  private static String requestId() {
    return UUID.randomUUID().toString().substring(0, 16);
  }

  private static void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s %d", signal, pid).isZero();
  }
}
