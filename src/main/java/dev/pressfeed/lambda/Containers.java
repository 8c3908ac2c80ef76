package dev.pressfeed.lambda;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One {@link Application} per Lambda container, built on first use from the environment and
 * shared by every invocation (and by every handler class loaded in the same JVM).
 */
final class Containers {

  private Containers() {}

  /**
   * The container's application. The first call starts {@code warmup} on a second thread
   * before building the application (and its DynamoDB client) on this one.
   */
  static Application application(Warmup warmup) {
    warmup.start();
    Objects.requireNonNull(Holder.PRIMING);
    return Holder.APPLICATION;
  }

  /** The container's application, without a warm-up: the notifier function renders nothing. */
  static Application application() {
    Objects.requireNonNull(Holder.PRIMING);
    return Holder.APPLICATION;
  }

  /** The holder idiom: built once, thread-safe, and only when a handler is created. */
  private static final class Holder {
    static final Application APPLICATION = build();
    // Kept here because CRaC holds registered resources weakly.
    static final Priming PRIMING = Priming.register(APPLICATION);
  }

  private static Application build() {
    Config config = Config.fromEnvironment();
    DynamoDbClient client = DynamoClients.create(
        config.region(), config.dynamodbEndpoint(), config.credentialsInEnvironment());
    return new Application(config, new DynamoReleaseStore(client, config.tableName()), Clock.systemUTC());
  }
}
