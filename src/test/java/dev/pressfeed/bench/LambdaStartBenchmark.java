package dev.pressfeed.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.lambda.ManagedRuntime;
import dev.pressfeed.lambda.RuntimeApiStandIn;
import dev.pressfeed.lambda.SamTemplate;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold and warm invocations the way Lambda runs Java: each handler in its own JVM under the
 * AWS Lambda runtime interface client (JVM options and environment as {@link ManagedRuntime}
 * sets them), fetching its events from a {@link RuntimeApiStandIn} on loopback, with dynalite
 * holding 100 realistic releases ({@link Newsdesk}); each package is unpacked into the task
 * root and loaded by the client's class loader, as on Lambda. Beside them, two floors under the
 * same client, each packed alone: {@link HelloHandler}, a typed handler as the Java samples
 * write it (the floor), and {@link HelloStreamHandler}, a stream handler like
 * Pressfeed's. Two more rows run the feed function with an application CDS archive from a
 * training run, once as packaged and once with the package on the class path. The pages
 * function (issue 13) runs beside them: the seed release's page and the newsroom, with the
 * size of each page.
 *
 * <p>Cold is JVM process start to the first response posted back, the median of
 * {@code bench.coldRuns} (9) runs; the runs are interleaved route by route, so a change in the
 * machine's load moves every route alike. The last run of each route then sends the same kind
 * of event {@code bench.warm} (200) more times: every one is timed (stand-in → runtime →
 * handler → stand-in), and p50/p99 reported. An extra, unmeasured cold {@code GET /feed.rss}
 * reports the memory a cold start needs.
 */
public final class LambdaStartBenchmark {

  private static final int RELEASES = 100;
  private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 9);
  private static final int WARM = Integer.getInteger("bench.warm", 200);
  /** Invocations after the warm ones, the last {@link #WARM} of them timed as "settled". */
  private static final int SETTLE = Integer.getInteger("bench.settle", 600);
  private static final int ROUND_TRIPS = 200;
  private static final Duration COLD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(20);
  private static final Path WORK = Figures.DIRECTORY.resolve("lambda-start");
  private static final Path EVENTS = Path.of("events");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One measured route: its label, the handler and package that serve it, the status it must
   * answer, and the event of its n-th invocation (0 = the cold one).
   */
  private record Route(String label, String handler, List<Path> functionPackage, int status,
      IntFunction<String> event, List<String> jvmOptions, ManagedRuntime.Layout layout) {
    Route(String label, String handler, List<Path> functionPackage, int status, IntFunction<String> event) {
      this(label, handler, functionPackage, status, event, List.of(), ManagedRuntime.Layout.TASK_ROOT);
    }
  }

  /** What the runs of one route measured. */
  private static final class Timings {
    final List<Double> cold = new ArrayList<>();
    final List<Double> init = new ArrayList<>();
    /** The cold answer's body in bytes (as API Gateway would send it, before any compression). */
    long bodyBytes = -1;
    double[] warm = new double[0];
    double[] settled = new double[0];
  }

  private LambdaStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The JDK's HTTP server (the Runtime API stand-in) leaves Nagle's algorithm on unless told;
    // its small replies then wait for the runtime's delayed ACK, about 40 ms per exchange, which
    // the real Runtime API does not add. It reads the property once, before its first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    if (!Files.isRegularFile(ManagedRuntime.LAMBDA_PACKAGE)) {
      throw new IllegalStateException(ManagedRuntime.LAMBDA_PACKAGE + " is missing: run `mvn package` first");
    }
    Files.createDirectories(WORK);
    Path jni = ManagedRuntime.nativeLibrary(WORK);
    Path hello = helloPackage(HelloHandler.class);
    Path helloStream = helloPackage(HelloStreamHandler.class);
    String table = "bench-lambda-" + UUID.randomUUID();
    try (Dynalite.Server server = Dynalite.Server.start();
        DynamoDbClient client = server.clientBuilder().build()) {
      DynamoClients.createTableIfMissing(client, table);
      try {
        String releaseId = seed(client, table);
        Map<String, String> overrides = Map.of("TABLE_NAME", table,
            "DYNAMODB_ENDPOINT", server.endpoint().toString());
        run(client, table, releaseId, hello, helloStream, jni, overrides, server.endpoint().toString());
      } finally {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }

  private static void run(DynamoDbClient client, String table, String releaseId, Path hello, Path helloStream,
      Path jni, Map<String, String> overrides, String endpoint) throws Exception {
    List<Path> lambdaPackage = List.of(ManagedRuntime.LAMBDA_PACKAGE);
    // The ETag the feed serves now; the conditional event must carry it to be a real 304.
    AtomicReference<String> feedEtag = new AtomicReference<>();
    List<Route> routes = List.of(
        new Route("hello floor", HelloHandler.class.getName() + "::handleRequest",
            List.of(hello, ManagedRuntime.jarOf(APIGatewayV2HTTPEvent.class),
                // aws-lambda-java-events' own dependency: the runtime's event serialiser loads it
                ManagedRuntime.jarOf(org.joda.time.DateTime.class)),
            200, n -> event("get-feed-rss.json")),
        new Route("hello floor, stream handler", HelloStreamHandler.class.getName() + "::handleRequest",
            List.of(helloStream), 200, n -> event("get-feed-rss.json")),
        route("GET /feed.rss", lambdaPackage, 200, n -> event("get-feed-rss.json")),
        // As the sample event asks, for gzip (issue 14): the deflater's first use on the cold path.
        new Route("GET /feed.rss, gzip", ManagedRuntime.handlerFor("GET /feed.rss"), lambdaPackage, 200,
            n -> gzipEvent("get-feed-rss.json")),
        // An aggregator reporting its subscribers (issue 15): the audience recorder's first use.
        new Route("GET /feed.rss, Feedly: 16 subscribers", ManagedRuntime.handlerFor("GET /feed.rss"),
            lambdaPackage, 200, n -> reportingEvent("get-feed-rss.json")),
        // The pages function beside the feed (issue 13): the seed release's page and the newsroom.
        route("GET /news/{id}", lambdaPackage, 200, n -> newsEvent(releaseId)),
        route("GET /", lambdaPackage, 200, n -> event("get-newsroom.json")),
        route("GET /feed.atom", lambdaPackage, 200, n -> event("get-feed-atom.json")),
        route("GET /releases", lambdaPackage, 200, n -> event("get-releases.json")),
        route("GET /releases/{id}", lambdaPackage, 200, n -> releaseEvent(releaseId)),
        new Route("GET /feed.rss → 304", ManagedRuntime.handlerFor("GET /feed.rss"), lambdaPackage, 304,
            n -> conditionalEvent(feedEtag.get())),
        route("POST /releases", lambdaPackage, 201, LambdaStartBenchmark::postEvent),
        appCdsRoute("GET /feed.rss, AppCDS archive", ManagedRuntime.Layout.TASK_ROOT, jni, overrides),
        appCdsRoute("GET /feed.rss, AppCDS archive, code on the class path", ManagedRuntime.Layout.CLASS_PATH, jni, overrides));

    Map<Route, Timings> timings = new LinkedHashMap<>();
    routes.forEach(r -> timings.put(r, new Timings()));
    for (int round = 0; round < COLD_RUNS; round++) {
      boolean warm = round == COLD_RUNS - 1;
      System.out.printf("cold run %d of %d%s%n", round + 1, COLD_RUNS, warm ? ", then " + WARM + " warm invocations each" : "");
      for (Route route : routes) {
        JsonNode answer = measure(route, timings.get(route), warm, jni, overrides);
        if (route.label().equals("GET /feed.rss")) {
          feedEtag.set(header(answer, "ETag"));
        }
      }
    }
    Map<String, Double> memory = coldMemory(routes.stream().filter(r -> r.label().equals("GET /feed.rss"))
        .findFirst().orElseThrow(), jni, overrides);
    double[] query = queryRoundTrips(client, table);
    double[] getItem = feedStateRoundTrips(client, table);
    Map<String, Double> handlerJvm = handlerJvmRoundTrips(endpoint, table, overrides);
    report(timings, memory, query, getItem, handlerJvm);
  }

  /**
   * An application class-data-sharing archive of the feed function: one training run that
   * serves each feed once and dumps the classes it loaded when the JVM stops. It is valid only
   * for this JVM build and this class path, which is why the Lambda package does not ship one
   * (Lambda's java21 is another build; SnapStart's snapshot does the same job there).
   */
  private static Route appCdsRoute(String label, ManagedRuntime.Layout layout, Path jni,
      Map<String, String> overrides) throws Exception {
    Path archive = appCdsArchive(layout, jni, overrides);
    return new Route(label, ManagedRuntime.handlerFor("GET /feed.rss"), List.of(ManagedRuntime.LAMBDA_PACKAGE), 200,
        n -> event("get-feed-rss.json"), List.of("-XX:SharedArchiveFile=" + archive), layout);
  }

  private static Path appCdsArchive(ManagedRuntime.Layout layout, Path jni, Map<String, String> overrides)
      throws Exception {
    Path archive = WORK.resolve("feed-function-" + layout.name().toLowerCase(java.util.Locale.ROOT) + ".jsa")
        .toAbsolutePath();
    Files.deleteIfExists(archive);
    Route training = new Route("AppCDS training " + layout, ManagedRuntime.handlerFor("GET /feed.rss"),
        List.of(ManagedRuntime.LAMBDA_PACKAGE), 200, n -> event("get-feed-rss.json"),
        List.of("-XX:ArchiveClassesAtExit=" + archive), layout);
    try (RuntimeApiStandIn api = RuntimeApiStandIn.start("arn:aws:lambda:eu-central-1:123456789012:function:bench");
        Runtime runtime = Runtime.start(training, api, jni, training.jvmOptions(), overrides)) {
      for (String file : List.of("get-feed-rss.json", "get-feed-atom.json", "get-feed-json.json", "get-feed-rss.json")) {
        checked(training, api.invoke(event(file), COLD_TIMEOUT), runtime);
      }
    } // close() stops the JVM normally (SIGTERM), which writes the archive
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training run wrote no CDS archive: see " + WORK);
    }
    return archive;
  }

  private static Route route(String routeKey, List<Path> functionPackage, int status, IntFunction<String> event) {
    return new Route(routeKey, ManagedRuntime.handlerFor(routeKey), functionPackage, status, event);
  }

  /** One JVM: the cold invocation, then (on {@code warm}) the warm ones. Returns the cold answer. */
  private static JsonNode measure(Route route, Timings timings, boolean warm, Path jni,
      Map<String, String> overrides) throws Exception {
    String coldEvent = route.event().apply(0);
    try (RuntimeApiStandIn api = RuntimeApiStandIn.start("arn:aws:lambda:eu-central-1:123456789012:function:bench");
        Runtime runtime = Runtime.start(route, api, jni, route.jvmOptions(), overrides)) {
      RuntimeApiStandIn.Outcome first = api.invoke(coldEvent, COLD_TIMEOUT);
      long answered = System.nanoTime();
      JsonNode answer = checked(route, first, runtime);
      timings.cold.add(millis(answered - runtime.started));
      timings.init.add(millis(api.firstPollNanos() - runtime.started));
      timings.bodyBytes = bodyBytes(route, answer);
      if (warm) {
        timings.warm = new double[WARM];
        timings.settled = new double[WARM];
        for (int n = 1; n <= WARM + SETTLE; n++) {
          String event = route.event().apply(n);
          long started = System.nanoTime();
          RuntimeApiStandIn.Outcome outcome = api.invoke(event, INVOCATION_TIMEOUT);
          double took = millis(System.nanoTime() - started);
          if (n <= WARM) {
            timings.warm[n - 1] = took;
          } else if (n > WARM + SETTLE - WARM) {
            timings.settled[n - 1 - (WARM + SETTLE - WARM)] = took;
          }
          checked(route, outcome, runtime);
        }
      }
      return answer;
    }
  }

  /**
   * The memory a cold {@code GET /feed.rss} needs, from a run of its own (a GC log and an
   * attach are not what Lambda runs): the heap in use at the first response, read with
   * {@code jcmd GC.heap_info}; if a collection ran before it, the largest heap before any
   * collection (from {@code -Xlog:gc}) when that is more; and the process's peak resident set
   * ({@code VmHWM}), what Lambda reports as "Max Memory Used".
   */
  private static Map<String, Double> coldMemory(Route route, Path jni, Map<String, String> overrides)
      throws Exception {
    Path gcLog = WORK.resolve("cold-feed-gc.log");
    Files.deleteIfExists(gcLog);
    try (RuntimeApiStandIn api = RuntimeApiStandIn.start("arn:aws:lambda:eu-central-1:123456789012:function:bench");
        Runtime runtime = Runtime.start(route, api, jni, List.of("-Xlog:gc:file=" + gcLog.toAbsolutePath()), overrides)) {
      checked(route, api.invoke(route.event().apply(0), COLD_TIMEOUT), runtime);
      long pid = runtime.process.pid();
      String heapInfo = jcmd(pid, "GC.heap_info");
      double hwmKiB = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).map(l -> Double.parseDouble(l.replaceAll("\\D", "")))
          .findFirst().orElse(Double.NaN);
      double usedKiB = 0;
      double metaspaceKiB = Double.NaN;
      for (String line : heapInfo.split("\n")) {
        Matcher used = Pattern.compile("used (\\d+)K").matcher(line);
        if (!used.find()) {
          continue;
        }
        if (line.contains("generation") || line.strip().startsWith("garbage-first heap")) {
          usedKiB += Double.parseDouble(used.group(1));
        } else if (line.strip().startsWith("Metaspace")) {
          metaspaceKiB = Double.parseDouble(used.group(1));
        }
      }
      double beforeGcMiB = 0;
      int collections = 0;
      Matcher gc = Pattern.compile("(\\d+)M->(\\d+)M").matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
      while (gc.find()) {
        collections++;
        beforeGcMiB = Math.max(beforeGcMiB, Double.parseDouble(gc.group(1)));
      }
      Map<String, Double> memory = new LinkedHashMap<>();
      memory.put("heapAtFirstResponseMiB", usedKiB / 1024);
      memory.put("collections", (double) collections);
      memory.put("peakHeapMiB", Math.max(usedKiB / 1024, beforeGcMiB));
      memory.put("metaspaceMiB", metaspaceKiB / 1024);
      memory.put("peakRssMiB", hwmKiB / 1024);
      return memory;
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
        .redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  /** A runtime JVM for one route, stopped (and waited for) on close. */
  private static final class Runtime implements AutoCloseable {
    final Process process;
    final long started;
    final Path stderr;

    private Runtime(Process process, long started, Path stderr) {
      this.process = process;
      this.started = started;
      this.stderr = stderr;
    }

    static Runtime start(Route route, RuntimeApiStandIn api, Path jni, List<String> jvmOptions,
        Map<String, String> overrides) throws IOException {
      String name = "bench-" + route.label().replaceAll("[^A-Za-z0-9]+", "-");
      Map<String, String> environment = new LinkedHashMap<>(functionEnvironment(route.handler()));
      environment.putAll(overrides);
      ProcessBuilder builder = ManagedRuntime.builder(name, route.handler(), route.functionPackage(),
          route.layout(), api, jni, WORK, jvmOptions, environment);
      long started = System.nanoTime();
      return new Runtime(builder.start(), started, WORK.resolve(name + ".err"));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The answer, or a failure with the runtime's error output when it is not what the route must give. */
  private static JsonNode checked(Route route, RuntimeApiStandIn.Outcome outcome, Runtime runtime) throws IOException {
    JsonNode answer = outcome.isError() ? null : JSON.readTree(outcome.body());
    if (answer == null || answer.path("statusCode").asInt() != route.status()) {
      String err = Files.exists(runtime.stderr) ? Files.readString(runtime.stderr) : "";
      throw new IllegalStateException(route.label() + " answered " + outcome.body() + " (expected "
          + route.status() + "); runtime stderr: " + err.substring(Math.max(0, err.length() - 4000)));
    }
    return answer;
  }

  /**
   * The function's own {@code Environment.Variables} in {@code template.yaml} (the pages
   * function's {@code TIME_ZONE}), parameters at their defaults, on top of the globals that
   * {@link ManagedRuntime} sets: what Lambda gives that function. Empty for the floors.
   */
  private static Map<String, String> functionEnvironment(String handler) {
    SamTemplate template = SamTemplate.load();
    Map<String, Object> parameters = SamTemplate.map(template.root().get("Parameters"));
    Map<String, String> env = new LinkedHashMap<>();
    template.functions().values().stream().filter(f -> handler.equals(f.get("Handler"))).findFirst()
        .map(f -> SamTemplate.map(f.getOrDefault("Environment", Map.of())))
        .map(e -> SamTemplate.map(e.getOrDefault("Variables", Map.of())))
        .orElse(Map.of())
        .forEach((name, value) -> {
          if (value instanceof String s) {
            env.put(name, s);
          } else if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
            env.put(name, String.valueOf(SamTemplate.map(parameters.get(ref)).get("Default")));
          } else if (value instanceof Map<?, ?> m && m.get("Fn::If") instanceof List<?> branches
              && Map.of("Ref", "AWS::NoValue").equals(branches.get(2))) {
            // A setting of an optional part (the notifier, only with a hub): the kit times a
            // stack at its parameters' defaults, which leave such parts out, so the value is unset.
          } else {
            throw new IllegalStateException("template.yaml: " + handler + " sets " + name + " to " + value
                + ", which the kit cannot resolve");
          }
        });
    return env;
  }

  /**
   * The size of an answer's body in bytes, decoded if API Gateway would have to decode it; a
   * page must be an HTML document (a 200 that is an error page in disguise would be timed too).
   */
  private static long bodyBytes(Route route, JsonNode answer) {
    String body = answer.path("body").asText("");
    byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
        ? java.util.Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    String type = route.status() == 304 ? "" : header(answer, "Content-Type");
    byte[] text = bytes;
    if ("gzip".equals(answer.path("headers").path("Content-Encoding").asText(null))) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        text = in.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(route.label() + " answered a gzip body that does not decode", e);
      }
    }
    if (type.startsWith("text/html")
        && !new String(text, StandardCharsets.UTF_8).stripLeading().regionMatches(true, 0, "<!DOCTYPE html>", 0, 15)) {
      throw new IllegalStateException(route.label() + " answered HTML that is no document: "
          + body.substring(0, Math.min(200, body.length())));
    }
    return bytes.length;
  }

  private static String header(JsonNode answer, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("headers").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().asText();
      }
    }
    throw new IllegalStateException("no " + name + " header in " + answer);
  }

  /**
   * A sample event without its {@code accept-encoding}: the identity answer, the request the kit
   * has timed since before compression (issue 14), so figures stay comparable across issues.
   */
  private static String event(String file) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(gzipEvent(file));
      ObjectNode headers = (ObjectNode) event.path("headers");
      headers.remove("accept-encoding");
      return event.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #event} fetched by Feedly as it reports a feed's subscribers (SPEC §11). */
  private static String reportingEvent(String file) {
    ObjectNode event = eventNode(file);
    ((ObjectNode) event.path("headers")).put("user-agent", dev.pressfeed.audience.Agents.FEEDLY);
    return event.toString();
  }

  /** A sample event as it is, asking for gzip as a browser or feed reader does. */
  private static String gzipEvent(String file) {
    try {
      return Files.readString(EVENTS.resolve(file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode eventNode(String file) {
    try {
      return (ObjectNode) JSON.readTree(event(file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code get-release.json} for a release of the seeded newsroom (the sample's own id is not there). */
  private static String releaseEvent(String id) {
    ObjectNode event = eventNode("get-release.json");
    event.put("rawPath", "/releases/" + id);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", "/releases/" + id);
    ((ObjectNode) event.path("pathParameters")).put("id", id);
    return event.toString();
  }

  /** {@code get-news-release.json} for a release of the seeded newsroom: the seed release's page. */
  private static String newsEvent(String id) {
    ObjectNode event = eventNode("get-news-release.json");
    event.put("rawPath", "/news/" + id);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", "/news/" + id);
    ((ObjectNode) event.path("pathParameters")).put("id", id);
    return event.toString();
  }

  /** The sample conditional poll with the validator a feed reader would hold: the feed's current ETag. */
  private static String conditionalEvent(String etag) {
    ObjectNode event = eventNode("get-feed-rss-conditional.json");
    ObjectNode headers = (ObjectNode) event.path("headers");
    // Its If-Modified-Since is a fixed date the seeded feed may postdate; If-None-Match decides.
    headers.remove("if-modified-since");
    headers.put("if-none-match", etag);
    return event.toString();
  }

  /** The sample POST with its own title and Idempotency-Key each time, so every one creates a release. */
  private static String postEvent(int n) {
    try {
      ObjectNode event = eventNode("post-release.json");
      ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
      // In front: the id is the date and the title's slug cut to a length, so a suffix would be
      // cut off and every POST would probe its way past the ids taken before it.
      body.put("title", UUID.randomUUID().toString().substring(0, 8) + " " + body.path("title").asText());
      String json = body.toString();
      event.put("body", json);
      ObjectNode headers = (ObjectNode) event.path("headers");
      headers.put("idempotency-key", UUID.randomUUID().toString());
      headers.put("content-length", Integer.toString(json.getBytes(StandardCharsets.UTF_8).length));
      return event.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 100 releases posted through the API, oldest first; returns the newest one's id. */
  private static String seed(DynamoDbClient client, String table) throws IOException {
    String newest = null;
    try (RunningGateway api = new RunningGateway(new DynamoReleaseStore(client, table))) {
      for (int n = RELEASES - 1; n >= 0; n--) {
        Reply posted = api.post(Newsdesk.requestBody(n));
        if (posted.status() != 201) {
          throw new IllegalStateException("POST /releases answered " + posted.status() + ": " + posted.text());
        }
        newest = posted.json().get("id").asText();
      }
    }
    return newest;
  }

  private static double[] queryRoundTrips(DynamoDbClient client, String table) {
    return roundTrips(RoundTrips.feedPage(client, table));
  }

  private static double[] feedStateRoundTrips(DynamoDbClient client, String table) {
    return roundTrips(RoundTrips.feedState(client, table));
  }

  /**
   * The same two round trips from a JVM started as the handlers' ({@link RoundTrips}: C1 only,
   * the template's {@code JAVA_TOOL_OPTIONS}, the Lambda package's SDK): what a warm handler's
   * own DynamoDB call costs, to set beside its warm latencies.
   */
  private static Map<String, Double> handlerJvmRoundTrips(String endpoint, String table,
      Map<String, String> overrides) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagedRuntime.JVM_OPTIONS);
    command.add("-cp");
    command.add(ManagedRuntime.LAMBDA_PACKAGE.toAbsolutePath() + java.io.File.pathSeparator
        + Path.of("target", "test-classes").toAbsolutePath());
    command.add(RoundTrips.class.getName());
    command.add(endpoint);
    command.add(table);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_TOOL_OPTIONS",
        ManagedRuntime.templateEnvironment(SamTemplate.load()).getOrDefault("JAVA_TOOL_OPTIONS", ""));
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("the round-trip JVM failed: " + output);
    }
    Map<String, Double> p50 = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("(getItem|query)\\.(warm|settled)")) {
        p50.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1).strip()));
      }
    }
    if (p50.size() != 4) {
      throw new IllegalStateException("the round-trip JVM printed no figures: " + output);
    }
    return p50;
  }

  private static double[] roundTrips(java.util.function.BooleanSupplier call) {
    for (int i = 0; i < 50; i++) {
      call.getAsBoolean();
    }
    double[] times = new double[ROUND_TRIPS];
    for (int i = 0; i < ROUND_TRIPS; i++) {
      long started = System.nanoTime();
      boolean found = call.getAsBoolean();
      times[i] = millis(System.nanoTime() - started);
      if (!found) {
        throw new IllegalStateException("the timed DynamoDB call found nothing: the benchmark reads the wrong item");
      }
    }
    return times;
  }

  private static void report(Map<Route, Timings> timings, Map<String, Double> memory, double[] query,
      double[] getItem, Map<String, Double> handlerJvm) {
    Timings floor = timings.values().iterator().next();
    double floorCold = median(floor.cold);
    double floorWarm = percentile(floor.warm, 50);
    List<String[]> rows = new ArrayList<>();
    Figures figures = Figures.of("lambda");
    timings.forEach((route, t) -> {
      double cold = median(t.cold);
      double p50 = percentile(t.warm, 50);
      double settled = percentile(t.settled, 50);
      rows.add(new String[] {route.label(), Integer.toString(route.status()), ms(cold),
          ms(min(t.cold)) + "–" + ms(max(t.cold)), ms(median(t.init)), ratio(cold / floorCold),
          ms(p50), ms(percentile(t.warm, 99)), ratio(p50 / floorWarm), ms(settled), Long.toString(t.bodyBytes)});
      String key = figureKey(route.label());
      figures.put(key + ".cold", cold).put(key + ".warm.p50", p50).put(key + ".warm.p99", percentile(t.warm, 99))
          .put(key + ".settled.p50", settled).put(key + ".bytes", t.bodyBytes);
    });
    System.out.println();
    System.out.printf("Cold and warm under the Lambda runtime interface client 2.10.1 (%d cold runs per route,"
        + " interleaved; %d warm invocations after the last), %d releases in dynalite%n", COLD_RUNS, WARM, RELEASES);
    Table.print(List.of("route", "status", "cold ms (median)", "cold min–max", "init ms", "cold ÷ floor",
        "warm p50 ms", "warm p99 ms", "warm p50 ÷ floor", "settled p50 ms", "body bytes"), rows);
    System.out.printf("cold: JVM start to first response; init: JVM start to the runtime's first poll"
        + " (handler class constructed); warm: the %d invocations after the cold one, stand-in → runtime → handler"
        + " → stand-in, each timed; settled: the last %d of %d more; body bytes: the cold answer's body"
        + " (GET /news/{id}: the seed release's page; GET /: the newsroom's first page, FEED_SIZE releases)%n",
        WARM, WARM, SETTLE);

    System.out.println();
    System.out.printf("DynamoDB round trips from the benchmark JVM to dynalite (%d timed after 50 warm-up)%n", ROUND_TRIPS);
    Table.print(List.of("call", "p50 ms", "p99 ms", "handler-like JVM: warm p50 ms", "settled p50 ms"), List.of(
        new String[] {"Query, published index, 21 items (a feed page)", ms(percentile(query, 50)), ms(percentile(query, 99)),
            ms(handlerJvm.get("query.warm")), ms(handlerJvm.get("query.settled"))},
        new String[] {"GetItem, feed state (what a 304 reads)", ms(percentile(getItem, 50)), ms(percentile(getItem, 99)),
            ms(handlerJvm.get("getItem.warm")), ms(handlerJvm.get("getItem.settled"))}));
    System.out.println("p50/p99: from this JVM after 50 warm-up calls; handler-like JVM: C1 only, the template's"
        + " JAVA_TOOL_OPTIONS, one untimed first call, then 200 timed (warm), 400 untimed, 200 timed (settled),"
        + " as the handlers are invoked above");
    figures.put("query.p50", percentile(query, 50)).put("getItem.p50", percentile(getItem, 50));
    handlerJvm.forEach((k, v) -> figures.put("handlerJvm." + k + ".p50", v));

    System.out.println();
    System.out.println("Memory of a cold GET /feed.rss (a run of its own, with -Xlog:gc)");
    Table.print(List.of("measure", "value"), List.of(
        new String[] {"heap in use at the first response (jcmd GC.heap_info)", mib(memory.get("heapAtFirstResponseMiB"))},
        new String[] {"collections before it (-Xlog:gc)", String.format("%.0f", memory.get("collections"))},
        new String[] {"peak heap (the larger of the two above and any pre-GC heap)", mib(memory.get("peakHeapMiB"))},
        new String[] {"metaspace in use", mib(memory.get("metaspaceMiB"))},
        new String[] {"process peak resident set (VmHWM)", mib(memory.get("peakRssMiB"))}));
    memory.forEach((k, v) -> figures.put("memory." + k, v));
    figures.put("floor.cold", floorCold).put("floor.warm.p50", floorWarm);
    Timings streamFloor = timings.entrySet().stream()
        .filter(e -> e.getKey().handler().startsWith(HelloStreamHandler.class.getName()))
        .map(Map.Entry::getValue).findFirst().orElseThrow();
    figures.put("streamFloor.cold", median(streamFloor.cold)).put("streamFloor.warm.p50", percentile(streamFloor.warm, 50))
        .put("streamFloor.settled.p50", percentile(streamFloor.settled, 50));
    figures.save();
  }

  /**
   * A route's name among the figures {@link BenchSummary} reads: its label with every run of
   * other characters one dash ({@code GET /feed.rss} → {@code GET-feed-rss}); {@code GET /}, which
   * would be a bare {@code GET}, is {@code GET-newsroom}.
   */
  static String figureKey(String label) {
    String key = label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    return label.equals("GET /") ? "GET-newsroom" : key;
  }

  /** Packs a floor's handler class alone: its package holds no other Pressfeed class. */
  private static Path helloPackage(Class<?> handler) throws IOException {
    Path jar = WORK.resolve(handler.getSimpleName() + ".jar");
    String entry = handler.getName().replace('.', '/') + ".class";
    try (InputStream in = handler.getResourceAsStream("/" + entry);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  static double median(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
  }

  /** Nearest rank: the value at or below which {@code p} percent of the values lie. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static String ms(double millis) {
    return millis >= 100 ? String.format("%.0f", millis) : millis >= 10 ? String.format("%.1f", millis)
        : String.format("%.2f", millis);
  }

  private static String ratio(double ratio) {
    return String.format("%.2f", ratio);
  }

  private static String mib(double mib) {
    return String.format("%.1f MiB", mib);
  }
}
