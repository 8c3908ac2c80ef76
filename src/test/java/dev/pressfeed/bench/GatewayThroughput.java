package dev.pressfeed.bench;

import dev.pressfeed.Loopback;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local gateway under load: {@code java -jar target/pressfeed.jar} on a free port in a fresh
 * working directory (so its {@code ./data} store is new), 100 releases posted through its API,
 * then {@code wrk -t2 -c32 -d20s --latency} on {@code /feed.rss} and {@code /releases}. This is
 * the laptop path (embedded SQLite store, JDK HTTP server, full JIT), not Lambda's; it shows
 * what one JVM serves when every request renders.
 */
public final class GatewayThroughput {

  private static final int RELEASES = 100;
  private static final String TOKEN = "bench-editor-token-0123456789";
  private static final List<String> PATHS = List.of("/feed.rss", "/releases");
  private static final String DURATION = System.getProperty("bench.wrkDuration", "20s");

  private GatewayThroughput() {}

  public static void main(String[] args) throws Exception {
    String wrk = onPath("wrk").orElseThrow(() -> new IllegalStateException(
        "wrk is not installed: `sudo apt-get install -y wrk` (Debian/Ubuntu), then run the kit again"));
    Path jar = Path.of("target", "pressfeed.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` first");
    }
    Path work = Files.createTempDirectory("pressfeed-wrk-");
    int port = Loopback.freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString())
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("gateway.log").toFile());
    // Only what it needs: an inherited DYNAMODB_ENDPOINT would send it to DynamoDB instead of ./data.
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DYNAMODB")
        || k.startsWith("FEED_") || k.equals("PUBLIC_BASE_URL") || k.equals("TABLE_NAME"));
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("PRESSFEED_EDITOR_TOKEN", TOKEN);
    Process gateway = builder.start();
    Figures figures = Figures.of("gateway");
    List<String[]> rows = new ArrayList<>();
    try {
      awaitPort(gateway, port, work.resolve("gateway.log"));
      String base = "http://127.0.0.1:" + port;
      seed(base);
      for (String path : PATHS) {
        String output = run(List.of(wrk, "-t2", "-c32", "-d" + DURATION, "--latency", base + path));
        System.out.println("wrk " + path + ":");
        System.out.println(output.strip());
        System.out.println();
        String rps = find(output, "Requests/sec:\\s+([\\d.]+)").orElse("n/a");
        String p99 = find(output, "\\n\\s+99%\\s+(\\S+)").orElse("n/a");
        String requests = find(output, "(\\d+) requests in").orElse("n/a");
        String non2xx = find(output, "Non-2xx or 3xx responses:\\s+(\\d+)").orElse("0");
        String socket = find(output, "Socket errors: ([^\\n]+)").orElse("none");
        rows.add(new String[] {path, rps, p99, requests, non2xx, socket});
        String key = path.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        figures.put(key + ".rps", rps).put(key + ".p99", p99).put(key + ".non2xx", non2xx).put(key + ".socket", socket);
      }
    } finally {
      gateway.destroy();
      if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.printf("Local gateway throughput (java -jar target/pressfeed.jar, embedded store, %d releases;"
        + " wrk -t2 -c32 -d%s, on the same %d CPUs)%n", RELEASES, DURATION, Runtime.getRuntime().availableProcessors());
    Table.print(List.of("path", "requests/s", "p99 latency", "requests", "non-2xx/3xx", "socket errors"), rows);
    System.out.println();
    figures.save();
  }

  /** Posts the newsroom through the API, oldest first, as an editor would. */
  private static void seed(String base) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    for (int n = RELEASES - 1; n >= 0; n--) {
      HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base + "/releases"))
          .header("Authorization", "Bearer " + TOKEN)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Newsdesk.requestBody(n))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 201) {
        throw new IllegalStateException("POST /releases answered " + posted.statusCode() + ": " + posted.body());
      }
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream in = process.getInputStream()) {
      String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } finally {
      process.destroy();
    }
  }

  private static Optional<String> find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<String> onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  private static void awaitPort(Process process, int port, Path log) throws IOException, InterruptedException {
    if (!Loopback.awaitListening(process, port, Duration.ofSeconds(30))) {
      throw new IllegalStateException("the gateway did not start on port " + port + ": "
          + (Files.exists(log) ? Files.readString(log) : "(no output)"));
    }
  }

}
