package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.push.StandInHub;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.ReleaseTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every {@code events/*.json} answered by the handler {@code template.yaml} names for its route,
 * run the way the managed java21 runtime runs it: one JVM per function with the Lambda package
 * ({@code target/pressfeed-lambda.jar}) and the AWS Lambda runtime interface client on its class
 * path, and nothing of this project's build output besides the package. The JVM fetches events
 * from a {@link RuntimeApiStandIn} and keeps its releases in dynalite.
 *
 * <p>Each event meets the state {@link SampleEventsTest#EXPECTED} describes, a table holding
 * only the seed release: before each, the table is emptied and {@code post-release.json} is
 * sent to the editor function (that event is the seed, so it is checked on an empty table).
 * Writes therefore each find the seed at version 1, as their {@code If-Match: "v1"} expects.
 *
 * <p>Every function runs with a WebSub hub: a {@link StandInHub} on loopback. The notifier's
 * events ({@code notifier-*.json}: the one-minute schedule, the editor's nudge) go to the
 * notifier function, which must send the seed's ping to that hub.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeIT {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  static final String SEED_ID =
      "2020-09-14-it-for-work-e-v-gratuliert-zum-erfolg-der-wissenschaftsstadt-darmstadt-im";
  static final String SEED_EVENT = "post-release.json";
  static final Path LAMBDA_PACKAGE = ManagedRuntime.LAMBDA_PACKAGE;
  static final Duration COLD_START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();
  /** The address the sample events name, given as PUBLIC_BASE_URL: the notifier's topics start with it. */
  static final String BASE = "https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com";
  static StandInHub hub;

  /** A function's JVM, its Runtime API stand-in and where its output goes. */
  record Function(String name, String handler, List<String> routes, RuntimeApiStandIn api,
      Process process, Path stdout, Path stderr, long startedNanos) {}

  static final Map<String, Function> FUNCTIONS = new LinkedHashMap<>();
  static DynamoDbClient client;
  static String tableName;
  static Path work;

  @BeforeAll
  static void startOneRuntimePerFunction() throws Exception {
    assertThat(LAMBDA_PACKAGE).as("the Lambda package (mvn package builds it)").isRegularFile();
    tableName = "releases-runtime-" + UUID.randomUUID();
    client = DYNALITE.clientBuilder().build();
    // Created here, once: three runtimes creating it at the same time would only race.
    DynamoClients.createTableIfMissing(client, tableName);
    work = Files.createDirectories(Path.of("target", "lambda-runtime-it"));
    Path jni = ManagedRuntime.nativeLibrary(work);
    hub = StandInHub.start();

    SamTemplate template = SamTemplate.load();
    for (var entry : template.functions().entrySet()) {
      String name = entry.getKey();
      String handler = (String) entry.getValue().get("Handler");
      // Its deadline is the function's own timeout: the notifier's round spends what it is given.
      Object timeout = entry.getValue().getOrDefault("Timeout",
          SamTemplate.map(SamTemplate.map(template.root().get("Globals")).get("Function")).get("Timeout"));
      RuntimeApiStandIn api = RuntimeApiStandIn.start(
          "arn:aws:lambda:eu-central-1:123456789012:function:" + name,
          Duration.ofSeconds(((Number) timeout).longValue()));
      Path stdout = work.resolve(name + ".out");
      Path stderr = work.resolve(name + ".err");
      Process process;
      try {
        process = ManagedRuntime.builder(name, handler, List.of(LAMBDA_PACKAGE), api, jni, work, List.of(),
            Map.of("TABLE_NAME", tableName, "DYNAMODB_ENDPOINT", DYNALITE.endpoint().toString(),
                "WEBSUB_HUB_URL", hub.url(), "PUBLIC_BASE_URL", BASE)).start();
      } catch (IOException | RuntimeException e) {
        api.close();
        throw e;
      }
      FUNCTIONS.put(name, new Function(name, handler, template.routes(name), api,
          process, stdout, stderr, System.nanoTime()));
    }
    for (Function function : FUNCTIONS.values()) {
      function.api().awaitInitialised(COLD_START_TIMEOUT);
      System.out.printf("%s: initialised in %d ms (JVM start to first poll)%n", function.name(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - function.startedNanos()));
    }
  }

  @AfterAll
  static void stopRuntimes() throws Exception {
    for (Function function : FUNCTIONS.values()) {
      try {
        function.process().destroy();
        if (!function.process().waitFor(5, TimeUnit.SECONDS)) {
          function.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } finally {
        function.api().close();
      }
    }
    if (client != null) {
      client.deleteTable(r -> r.tableName(tableName));
      client.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  /** Every sample event: API Gateway's and the notifier's. */
  static Stream<String> events() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("events"))) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".json"))
          .sorted().toList().stream();
    }
  }

  @Test
  @Order(1)
  void theRuntimeSeesOnlyTheUnpackedLambdaPackageAndTheRuntimeClient() throws IOException {
    assertThat(runtimeClassPath())
        .doesNotContain(LAMBDA_PACKAGE.getFileName().toString())
        .doesNotContain("target" + File.separator + "classes")
        .doesNotContain("test-classes");
    for (Function function : FUNCTIONS.values()) {
      Path taskRoot = work.resolve(function.name() + "-task");
      String handlerClass = function.handler().substring(0, function.handler().indexOf("::"));
      assertThat(taskRoot.resolve(handlerClass.replace('.', '/') + ".class")).isRegularFile();
      assertThat(taskRoot.resolve("org/sqlite")).doesNotExist();
      assertThat(taskRoot.resolve("org/eclipse/jetty")).doesNotExist();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  @Order(2)
  void sampleEventGetsItsAnswerFromTheHandlerTheTemplateNamesUnderTheRealRuntime(String file)
      throws Exception {
    emptyTable();
    Instant seededFrom = Instant.now();
    if (!file.equals(SEED_EVENT)) {
      JsonNode seeded = answer(invoke(SEED_EVENT));
      assertThat(seeded.path("statusCode").asInt()).as(seeded.toString()).isEqualTo(201);
      assertThat(seeded.path("headers").path("Location").asText()).endsWith("/releases/" + SEED_ID);
    }

    if (file.startsWith(SampleEventsTest.NOTIFIER_EVENTS)) {
      theNotifierSendsTheSeedsPing(file);
      return;
    }
    long started = System.nanoTime();
    RuntimeApiStandIn.Outcome outcome = invoke(file);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    JsonNode response = answer(outcome);
    int status = response.path("statusCode").asInt();
    System.out.printf("%-40s %s -> %d (%d ms)%n", file, functionFor(file).name(), status, millis);
    assertThat(status).as(outcome.body()).isEqualTo(expected(file, seededFrom));
    assertThat(outcome.body())
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.pressfeed");
    if (file.startsWith("head-")) {
      // The GET's status and headers, no body (RFC 9110 §9.1).
      assertThat(response.path("headers").path("ETag").asText()).isNotEmpty();
      assertThat(response.path("body").asText()).isEmpty();
    } else if (status == 200 || status == 201) {
      assertThat(response.path("headers").path("Content-Type").asText()).isNotEmpty();
      assertThat(response.path("body").asText()).isNotEmpty();
      // The samples send a browser's Accept-Encoding: public answers come back gzipped, in base64.
      boolean base64 = response.path("isBase64Encoded").asBoolean();
      assertThat(base64).as(file).isEqualTo(file.startsWith("get-") && !file.contains("editor"));
      if (base64) {
        assertThat(response.path("headers").path("Content-Encoding").asText()).isEqualTo("gzip");
        ((com.fasterxml.jackson.databind.node.ObjectNode) response).put("body",
            SampleEventsTest.bodyText(response.path("body").asText(), true));
      }
      if (file.contains("news")) {
        // The newsroom and the release page link to the release page.
        assertThat(response.path("headers").path("Content-Type").asText()).startsWith("text/html");
        assertThat(response.path("body").asText())
            .contains("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/news/" + SEED_ID);
      } else if (file.contains("robots")) {
        assertThat(response.path("body").asText())
            .contains("Sitemap: https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/sitemap.xml");
      } else if (file.contains("audience")) {
        // A table no aggregator has reported to yet (SPEC §11).
        assertThat(response.path("body").asText()).isEqualTo("{\"total\":0,\"feeds\":[]}\n");
      } else if (!file.contains("feed")) {
        assertThat(response.path("body").asText())
            .contains("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/news/" + SEED_ID);
      }
    }
    if (file.equals(SEED_EVENT)) {
      assertThat(response.path("headers").path("Location").asText()).endsWith("/releases/" + SEED_ID);
    }
  }

  /**
   * A schedule or a nudge: the round sends the ping the seed's POST queued (the editor function
   * nudges nobody here, so only this invocation can send it) to the hub, naming its feeds.
   */
  private static void theNotifierSendsTheSeedsPing(String file) throws Exception {
    int before = hub.posts().size();
    long started = System.nanoTime();
    RuntimeApiStandIn.Outcome outcome = invoke(file);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    JsonNode round = answer(outcome);
    System.out.printf("%-40s %s -> %s (%d ms)%n", file, functionFor(file).name(), round, millis);
    assertThat(round.path("sent").asInt()).as(outcome.body()).isEqualTo(1);
    assertThat(round.path("failed").asInt()).as(outcome.body()).isZero();
    List<StandInHub.Post> posts = hub.awaitPosts(before + 1, Duration.ofSeconds(5));
    assertThat(posts).hasSize(before + 1);
    StandInHub.Post ping = posts.get(before);
    assertThat(ping.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(ping.mode()).isEqualTo("publish");
    assertThat(ping.urls()).contains(BASE + "/feed.rss", BASE + "/feed.atom", BASE + "/feed.json",
        BASE + "/feed.rss?lang=de", BASE + "/feed.atom?lang=de", BASE + "/feed.json?lang=de");
    assertThat(ping.urls()).contains(BASE + "/feed.atom?tag=smart%20city", BASE + "/feed.json?tag=f%C3%B6rderung");
  }

  @Test
  @Order(3)
  void noRuntimeWroteAnExceptionAndEveryOneIsStillRunning() throws IOException {
    for (Function function : FUNCTIONS.values()) {
      assertThat(function.process().isAlive()).as(function.name() + " is running").isTrue();
      for (Path output : List.of(function.stderr(), function.stdout())) {
        assertThat(Files.readString(output)).as(output.toString())
            .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Error:");
      }
    }
  }

  /**
   * {@link SampleEventsTest#EXPECTED}, except for the conditional feed: its
   * {@code If-Modified-Since: Thu, 26 Nov 2026 04:00:00 GMT} answers 304 only if the feed did
   * not change after that second. Here the real clock stamps the seed when it is written, so the
   * answer depends on when the test runs: 304 before that time, 200 after it.
   */
  private static int expected(String file, Instant seededFrom) {
    if (file.equals("get-feed-rss-conditional.json")) {
      Instant since = Instant.parse("2026-11-26T04:00:00Z");
      // Only a run within the very second of If-Modified-Since could see the write straddle it.
      return seededFrom.truncatedTo(ChronoUnit.SECONDS).isAfter(since) ? 200 : 304;
    }
    return SampleEventsTest.EXPECTED.get(file);
  }

  private static RuntimeApiStandIn.Outcome invoke(String file) throws Exception {
    String event = Files.readString(Path.of("events", file));
    Function function = functionFor(file);
    assertThat(function.process().isAlive()).as(function.name() + " is running").isTrue();
    return function.api().invoke(event, INVOCATION_TIMEOUT);
  }

  /** The response the runtime serialised, or a failure quoting the function error it posted. */
  private static JsonNode answer(RuntimeApiStandIn.Outcome outcome) throws IOException {
    assertThat(outcome.isError())
        .as("the runtime posted a function error (%s): %s", outcome.errorType().orElse(""), outcome.body())
        .isFalse();
    return JSON.readTree(outcome.body());
  }

  private static Function functionFor(String file) throws IOException {
    if (file.startsWith(SampleEventsTest.NOTIFIER_EVENTS)) {
      return FUNCTIONS.get("NotifierFunction");
    }
    String routeKey = JSON.readTree(Path.of("events", file).toFile()).path("routeKey").asText();
    return FUNCTIONS.values().stream().filter(f -> f.routes().contains(routeKey)).findFirst()
        .orElseThrow(() -> new AssertionError("template.yaml routes no function for " + routeKey));
  }

  /** Deletes every item (releases and idempotency records alike): the table has only a hash key. */
  private static void emptyTable() {
    client.scanPaginator(r -> r.tableName(tableName).projectionExpression(ReleaseTable.PK)).items()
        .forEach(item -> client.deleteItem(r -> r.tableName(tableName)
            .key(Map.of(ReleaseTable.PK, AttributeValue.fromS(item.get(ReleaseTable.PK).s())))));
  }

  /** The JVM's class path: the runtime interface client and the jars it needs, nothing of ours. */
  static String runtimeClassPath() {
    return ManagedRuntime.classPath(List.of());
  }
}
