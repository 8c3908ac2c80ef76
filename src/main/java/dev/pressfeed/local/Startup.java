package dev.pressfeed.local;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local gateway's composition root: settings, store, gateway, in that order. Whatever stops
 * a start is a {@link Failure}: one sentence naming the cause and the setting that changes it,
 * no stack trace, since the reader is a newcomer at a terminal.
 */
final class Startup {

  /** Why the gateway did not start, worded for the person who started it. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private Startup() {}

  static void run() throws Failure {
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage());
    }
    String storage;
    ReleaseStore store;
    if (config.dynamodbEndpoint().isPresent()) {
      store = dynamo(config);
      storage = "DynamoDB at " + config.dynamodbEndpoint().get() + ", table " + config.tableName();
    } else {
      store = embedded(config.dataDirectory());
      storage = "embedded store in " + config.dataDirectory().toAbsolutePath().normalize();
    }
    String token = config.editorToken().orElseGet(Startup::newToken);
    Application application = new Application(config, store, Clock.systemUTC());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    LocalGateway gateway = new LocalGateway(application, token, new InetSocketAddress(loopback, config.port()));
    try {
      gateway.start();
    } catch (IOException e) {
      close(store);
      String address = loopback.getHostAddress() + ":" + config.port();
      throw new Failure(causeOf(e) instanceof BindException
          ? "port " + config.port() + " on " + loopback.getHostAddress() + " is in use (another "
              + "Pressfeed gateway?): stop the other one, or set PORT to a free port, e.g. PORT=3001"
          : "cannot listen on " + address + ": set PORT to another port, e.g. PORT=3001");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      close(store);
    }));
    String url = "http://127.0.0.1:" + gateway.port();
    System.out.println("Pressfeed local gateway on " + url + " (" + storage + ")");
    System.out.println("Feeds: " + url + "/feed.rss  " + url + "/feed.atom  " + url + "/feed.json");
    if (config.editorToken().isEmpty()) {
      System.out.println("Editor token (set PRESSFEED_EDITOR_TOKEN to choose your own): " + token);
    } else {
      System.out.println("Editor token: from PRESSFEED_EDITOR_TOKEN");
    }
  }

  private static ReleaseStore dynamo(Config config) throws Failure {
    String endpoint = config.dynamodbEndpoint().get().toString();
    try {
      DynamoDbClient client = DynamoClients.create(
          config.region(), config.dynamodbEndpoint(), config.credentialsInEnvironment());
      DynamoClients.createTableIfMissing(client, config.tableName());
      DynamoReleaseStore store = new DynamoReleaseStore(client, config.tableName());
      // A table from before the filter index: file its releases once (docs/architecture.md).
      int filed = store.fileReleasesWrittenBeforeTheFilterIndex();
      if (filed >= 0) {
        System.out.println("pressfeed: filed " + filed + " published releases under their tags "
            + "and languages (once per table)");
      }
      return store;
    } catch (SdkException e) {
      throw new Failure("DynamoDB did not answer on " + endpoint + " (" + reason(e) + "): start it, "
          + "or set DYNAMODB_ENDPOINT to where it listens, or unset it to use the embedded store");
    }
  }

  private static ReleaseStore embedded(Path directory) throws Failure {
    Path shown = directory.toAbsolutePath().normalize();
    String change = ": set PRESSFEED_DATA_DIR to a directory Pressfeed may write";
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new Failure("the data directory " + shown + " is a file, not a directory" + change);
    } catch (IOException | SecurityException e) {
      throw new Failure("the data directory " + shown + " cannot be created" + change);
    }
    if (!Files.isWritable(directory)) {
      throw new Failure("the data directory " + shown + " is not writable" + change);
    }
    try {
      return EmbeddedReleaseStore.open(directory);
    } catch (RuntimeException e) {
      throw new Failure("the embedded store in " + shown + " cannot be opened (not a Pressfeed store, "
          + "or written by a newer version)" + change);
    }
  }

  /** The innermost message of an SDK failure, without class names: "Connection refused". */
  private static String reason(Throwable e) {
    Throwable root = causeOf(e);
    String message = root.getMessage() == null ? "no answer" : root.getMessage().lines().findFirst().orElse("");
    return message.replaceAll("[A-Za-z.]*Exception:? ?", "").strip();
  }

  private static Throwable causeOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static void close(ReleaseStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.err.println("pressfeed: the store did not close cleanly");
      }
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
