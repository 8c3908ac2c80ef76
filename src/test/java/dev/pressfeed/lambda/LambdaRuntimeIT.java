package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.Dynalite;
import dev.pressfeed.store.dynamodb.ReleaseTable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

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
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeIT {

  @RegisterExtension
  static final Dynalite DYNALITE = new Dynalite();

  static final String SEED_ID =
      "2020-09-14-it-for-work-e-v-gratuliert-zum-erfolg-der-wissenschaftsstadt-darmstadt-im";
  static final String SEED_EVENT = "post-release.json";
  static final Path LAMBDA_PACKAGE = Path.of("target", "pressfeed-lambda.jar");
  static final Duration COLD_START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();

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
    Path jni = nativeLibrary();

    SamTemplate template = SamTemplate.load();
    Map<String, String> templateEnvironment = templateEnvironment(template);
    for (var entry : template.functions().entrySet()) {
      String name = entry.getKey();
      String handler = (String) entry.getValue().get("Handler");
      RuntimeApiStandIn api = RuntimeApiStandIn.start(
          "arn:aws:lambda:eu-central-1:123456789012:function:" + name);
      // The managed runtime unpacks the package in LAMBDA_TASK_ROOT and starts there; the
      // runtime client adds that directory to the handler's class loader, so it stays empty.
      Path taskRoot = Files.createDirectories(work.resolve(name + "-task"));
      Path stdout = work.resolve(name + ".out");
      Path stderr = work.resolve(name + ".err");
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1",
          // Its own copy of the JNI library: by default every runtime client unpacks it to
          // the same /tmp/.libaws-lambda-jni.so, which JVMs starting together overwrite.
          "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni,
          "-cp", runtimeClassPath(),
          AWSLambda.class.getName(), handler)
          .directory(taskRoot.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(templateEnvironment);
      env.putAll(Map.ofEntries(
          Map.entry("AWS_LAMBDA_RUNTIME_API", api.address()),
          Map.entry("_HANDLER", handler),
          Map.entry("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString()),
          Map.entry("LAMBDA_RUNTIME_DIR", taskRoot.toAbsolutePath().toString()),
          Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
          Map.entry("AWS_LAMBDA_FUNCTION_NAME", name),
          Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
          Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
          Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
          Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name),
          Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/26/[$LATEST]" + UUID.randomUUID().toString().replace("-", "")),
          Map.entry("AWS_REGION", "eu-central-1"),
          Map.entry("AWS_DEFAULT_REGION", "eu-central-1"),
          // The execution role's keys, as Lambda puts them in the environment (dynalite takes any)
          Map.entry("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE01"),
          Map.entry("AWS_SECRET_ACCESS_KEY", "example-secret"),
          Map.entry("AWS_SESSION_TOKEN", "example-session-token"),
          Map.entry("TZ", ":UTC"),
          Map.entry("LANG", "en_US.UTF-8"),
          Map.entry("TABLE_NAME", tableName),
          Map.entry("DYNAMODB_ENDPOINT", DYNALITE.endpoint().toString())));
      Process process;
      try {
        process = builder.start();
      } catch (IOException | RuntimeException e) {
        api.close();
        throw e;
      }
      FUNCTIONS.put(name, new Function(name, handler, SamTemplate.routes(entry.getValue()), api,
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
  }

  static Stream<String> events() throws IOException {
    return SampleEventsTest.events().map(p -> p.getFileName().toString());
  }

  @Test
  @Order(1)
  void theRuntimeSeesOnlyTheLambdaPackageAndTheRuntimeClient() {
    assertThat(runtimeClassPath().split(File.pathSeparator)[0])
        .isEqualTo(LAMBDA_PACKAGE.toAbsolutePath().toString());
    assertThat(runtimeClassPath())
        .doesNotContain("target" + File.separator + "classes")
        .doesNotContain("test-classes");
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

    long started = System.nanoTime();
    RuntimeApiStandIn.Outcome outcome = invoke(file);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    JsonNode response = answer(outcome);
    int status = response.path("statusCode").asInt();
    System.out.printf("%-40s %s -> %d (%d ms)%n", file, functionFor(file).name(), status, millis);
    assertThat(status).as(outcome.body()).isEqualTo(expected(file, seededFrom));
    assertThat(outcome.body())
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.pressfeed");
    if (status == 200 || status == 201) {
      assertThat(response.path("headers").path("Content-Type").asText()).isNotEmpty();
      assertThat(response.path("body").asText()).isNotEmpty();
      if (!file.contains("feed")) {
        assertThat(response.path("body").asText())
            .contains("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/releases/" + SEED_ID);
      }
    }
    if (file.equals(SEED_EVENT)) {
      assertThat(response.path("headers").path("Location").asText()).endsWith("/releases/" + SEED_ID);
    }
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

  /**
   * The Lambda package first, then the runtime interface client and the jars it needs, as
   * resolved for this build (the managed runtime has its own copies of these in /var/runtime).
   * The serialisation library is the project's 1.4.1 (the local gateway's dependency), which
   * Maven picks over the 1.2.0 the runtime client's pom asks for.
   */
  static String runtimeClassPath() {
    List<String> entries = new ArrayList<>();
    entries.add(LAMBDA_PACKAGE.toAbsolutePath().toString());
    for (Class<?> type : List.of(AWSLambda.class, Context.class, PojoSerializer.class,
        SdkInternalThreadLocal.class)) {
      entries.add(jarOf(type).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path jarOf(Class<?> type) {
    try {
      Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(jar.toString()).as("where " + type.getName() + " comes from").endsWith(".jar");
      return jar;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime client's JNI library for this machine, unpacked once for every runtime. */
  private static Path nativeLibrary() throws IOException {
    String arch = System.getProperty("os.arch");
    String name = arch.equals("aarch64") ? "linux-aarch_64" : "linux-x86_64";
    Path target = work.resolve("libaws-lambda-jni." + name + ".so");
    try (InputStream in = AWSLambda.class.getResourceAsStream("/jni/libaws-lambda-jni." + name + ".so")) {
      assertThat(in).as("JNI library for " + name + " in the runtime client jar").isNotNull();
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target.toAbsolutePath();
  }

  /**
   * The template's {@code Globals.Function.Environment}: parameters at their defaults; a
   * conditional value ({@code Fn::If}) is left out, as its condition is false at the defaults.
   */
  private static Map<String, String> templateEnvironment(SamTemplate template) {
    Map<String, Object> globals = SamTemplate.map(SamTemplate.map(template.root().get("Globals")).get("Function"));
    Map<String, Object> variables = SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables"));
    Map<String, Object> parameters = SamTemplate.map(template.root().get("Parameters"));
    Map<String, String> env = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      if (value instanceof String s) {
        env.put(name, s);
      } else if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
        env.put(name, String.valueOf(SamTemplate.map(parameters.get(ref)).get("Default")));
      }
    });
    return env;
  }
}
