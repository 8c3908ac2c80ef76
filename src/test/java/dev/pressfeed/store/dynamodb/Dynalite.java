package dev.pressfeed.store.dynamodb;

import dev.pressfeed.Loopback;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A DynamoDB-compatible server for integration tests: {@code DYNAMODB_ENDPOINT} if set,
 * otherwise dynalite (installed by {@code mvn verify} into {@code target/test-tools}), started
 * once per test JVM on a free loopback port and stopped when the run ends: by JUnit closing
 * the root store, or by a shutdown hook if the run is cut short.
 *
 * <p>Use as {@code @RegisterExtension static final Dynalite DYNALITE = new Dynalite();}. A
 * program outside JUnit (the benchmark kit's cost report) starts its own with
 * {@link Server#start()} and closes it.
 */
public final class Dynalite implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(Dynalite.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final String INSTALL_HINT = "Run the tests with `mvn verify`: its "
      + "pre-integration-test phase runs `npm ci` in target/test-tools, which installs dynalite "
      + "(Node.js 20 and npm must be on the PATH). Or set DYNAMODB_ENDPOINT to a running "
      + "DynamoDB-compatible server.";

  private URI endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint = context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(Server.class, type -> Server.start(), Server.class)
        .endpoint();
  }

  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("register Dynalite with @RegisterExtension on a static field");
    }
    return endpoint;
  }

  /** A client builder for the server; the region is arbitrary, credentials as DynamoClients decides. */
  public DynamoDbClientBuilder clientBuilder() {
    return clientBuilder(endpoint());
  }

  private static DynamoDbClientBuilder clientBuilder(URI endpoint) {
    return DynamoClients.builder("eu-central-1", Optional.of(endpoint),
        System.getenv("AWS_ACCESS_KEY_ID") != null);
  }

  /** The running server; closing it stops the process this JVM started, if any. */
  public static final class Server implements AutoCloseable {

    private final URI endpoint;
    private final Process process;
    private final Thread shutdownHook;

    private Server(URI endpoint, Process process) {
      this.endpoint = endpoint;
      this.process = process;
      this.shutdownHook = process == null ? null : new Thread(this::stop, "dynalite-stop");
      if (shutdownHook != null) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
    }

    public URI endpoint() {
      return endpoint;
    }

    /**
     * The process id of the dynalite this JVM started, for tests that freeze it
     * ({@code kill -STOP}); empty when the server is {@code DYNAMODB_ENDPOINT}'s.
     */
    public java.util.OptionalLong pid() {
      return process == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(process.pid());
    }

    /** A client builder for this server, as {@link Dynalite#clientBuilder()} gives one. */
    public DynamoDbClientBuilder clientBuilder() {
      return Dynalite.clientBuilder(endpoint);
    }

    /**
     * {@code DYNAMODB_ENDPOINT} if set, otherwise a new dynalite process from the install in
     * the {@code pressfeed.testTools} system property.
     */
    public static Server start() {
      String given = System.getenv("DYNAMODB_ENDPOINT");
      if (given != null && !given.isBlank()) {
        return new Server(URI.create(given), null);
      }
      String testTools = System.getProperty("pressfeed.testTools");
      if (testTools == null) {
        throw new IllegalStateException(
            "system property pressfeed.testTools is not set (failsafe and the bench profile set it). "
            + INSTALL_HINT);
      }
      Path cli = Path.of(testTools, "node_modules", "dynalite", "cli.js").toAbsolutePath();
      if (!Files.isRegularFile(cli)) {
        throw new IllegalStateException("dynalite is not installed at " + cli + ". " + INSTALL_HINT);
      }
      // dynalite's own cli.js, started by a launcher that keeps it serving when a client aborts
      // a request (src/test/node/dynalite-server.cjs says why).
      Path launcher = Path.of(testTools, "dynalite-server.cjs").toAbsolutePath();
      if (!Files.isRegularFile(launcher)) {
        throw new IllegalStateException("the dynalite launcher is not at " + launcher + ". " + INSTALL_HINT);
      }
      int port = Loopback.freePort();
      Path log = Path.of(testTools, "dynalite.log");
      Process process;
      try {
        process = new ProcessBuilder("node", launcher.toString(), "--host", "127.0.0.1",
            "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0")
            .redirectErrorStream(true)
            // appended: a test may start a second dynalite of its own next to the shared one
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run `node`: " + e.getMessage() + ". " + INSTALL_HINT, e);
      }
      Server server = new Server(URI.create("http://127.0.0.1:" + port), process);
      server.awaitPort(port, log);
      return server;
    }

    private void awaitPort(int port, Path log) {
      boolean listening;
      try {
        listening = Loopback.awaitListening(process, port, STARTUP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting dynalite", e);
      }
      if (!listening) {
        close();
        throw new IllegalStateException("dynalite did not start on port " + port
            + " (exit: " + (process.isAlive() ? "still running" : process.exitValue())
            + "); its output: " + readQuietly(log) + " " + INSTALL_HINT);
      }
    }

    @Override
    public void close() {
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // The hook is running or about to: it stops the process itself.
        }
      }
      stop();
    }

    private void stop() {
      if (process == null || !process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    private static String readQuietly(Path log) {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}
