package dev.pressfeed.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/pressfeed.jar} as a user runs it (integration tests run after
 * {@code package}): its own process, environment, working directory, stdout and stderr.
 */
final class PackagedJar implements AutoCloseable {

  static final Path JAR = Path.of("target", "pressfeed.jar").toAbsolutePath();
  private static final Pattern READY = Pattern.compile("Pressfeed local gateway on (http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("Editor token \\(.*\\): (\\S+)");
  /** Settings a developer's shell may hold; each run states its own. */
  private static final List<String> INHERITED_SETTINGS = List.of("PORT", "PRESSFEED_DATA_DIR",
      "PRESSFEED_EDITOR_TOKEN", "DYNAMODB_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB",
      "PUBLIC_BASE_URL", "TABLE_NAME", "FEED_SIZE", "FEED_MAX_AGE", "FEED_TITLE", "FEED_LANGUAGE");

  /** How a run ended. */
  record Exit(int code, String stdout, String stderr) {}

  private final Process process;
  private final CompletableFuture<String> stderr;
  private final LinkedBlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
  private final StringBuilder stdout = new StringBuilder();
  private String url;
  private String token;

  private PackagedJar(Process process) {
    this.process = process;
    this.stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stdoutLines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "jar-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static PackagedJar start(String java, Path workingDirectory, Map<String, String> env) {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR + " is missing: run the integration tests with 'mvn verify' (after package)");
    }
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).directory(workingDirectory.toFile());
    INHERITED_SETTINGS.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    try {
      return new PackagedJar(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs the jar until it exits by itself (a start that fails), at most {@code limit}. */
  static Exit runToExit(Path workingDirectory, Map<String, String> env, Duration limit) throws Exception {
    try (PackagedJar jar = start(currentJava(), workingDirectory, env)) {
      if (!jar.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("still running after " + limit + "; stdout so far: " + jar.drainStdout());
      }
      return new Exit(jar.process.exitValue(), jar.drainStdout(), jar.stderr.get(5, TimeUnit.SECONDS));
    }
  }

  /** Waits for the start banner; the jar is serving when this returns. */
  PackagedJar awaitReady(Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (url == null) {
      String line = stdoutLines.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no start banner within " + limit + "; stdout: " + stdout
            + (process.isAlive() ? "" : " stderr: " + stderr.join()));
      }
      take(line);
    }
    // The token line follows the banner directly.
    String line = stdoutLines.poll(5, TimeUnit.SECONDS);
    if (line != null) {
      take(line);
    }
    line = stdoutLines.poll(5, TimeUnit.SECONDS);
    if (line != null) {
      take(line);
    }
    return this;
  }

  private void take(String line) {
    stdout.append(line).append('\n');
    Matcher ready = READY.matcher(line);
    if (ready.find()) {
      url = ready.group(1);
    }
    Matcher token = TOKEN.matcher(line);
    if (token.find()) {
      this.token = token.group(1);
    }
  }

  String url() {
    return url;
  }

  /** The editor token the jar printed (when none was set). */
  String printedToken() {
    return token;
  }

  String drainStdout() {
    List<String> rest = new ArrayList<>();
    stdoutLines.drainTo(rest);
    rest.forEach(this::take);
    return stdout.toString();
  }

  /** Stops the jar as Ctrl-C would, and returns what it wrote to stderr in its whole life. */
  String stop() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return stderr.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
