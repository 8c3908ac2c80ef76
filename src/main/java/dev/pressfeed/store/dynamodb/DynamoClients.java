package dev.pressfeed.store.dynamodb;

import dev.pressfeed.store.Waits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Builds the one {@link DynamoDbClient} a container needs. Everything the SDK would otherwise
 * discover (region, credentials, HTTP client) is given explicitly: discovery walks profile
 * files and the instance metadata service, which costs cold-start time on Lambda. Values come
 * in as parameters; reading the environment is the composition root's job.
 */
public final class DynamoClients {

  /** How long {@link #createTableIfMissing} waits for a new table to become usable. */
  private static final Duration TABLE_READY_TIMEOUT = Duration.ofMinutes(2);

  private DynamoClients() {}

  /**
   * A client for {@code region}, or for a DynamoDB-compatible server at {@code endpoint}
   * (local runs, tests).
   *
   * @param environmentHasCredentials whether {@code AWS_ACCESS_KEY_ID} is set; with an
   *     endpoint and no credentials, dummy ones are used (dynalite accepts any signature)
   */
  public static DynamoDbClient create(String region, Optional<URI> endpoint,
      boolean environmentHasCredentials) {
    return builder(region, endpoint, environmentHasCredentials).build();
  }

  /**
   * The configured builder, for callers (tests) that add to it before building. Its waits are
   * {@link Waits#STANDARD}; a caller that sets an override configuration replaces them, so add
   * to {@code builder.overrideConfiguration().toBuilder()} instead.
   */
  public static DynamoDbClientBuilder builder(String region, Optional<URI> endpoint,
      boolean environmentHasCredentials) {
    return builder(region, endpoint, environmentHasCredentials, Waits.STANDARD);
  }

  /**
   * The configured builder with the given waits: every attempt, call and connection bounded,
   * and each call's timeouts cut to what is left of the request's {@code Deadline}.
   */
  public static DynamoDbClientBuilder builder(String region, Optional<URI> endpoint,
      boolean environmentHasCredentials, Waits waits) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .region(Region.of(region))
        .httpClient(new HttpClientBuiltAside(waits))
        .credentialsProvider(credentials(endpoint.isPresent(), environmentHasCredentials))
        .overrideConfiguration(o -> o
            .apiCallTimeout(waits.call())
            .apiCallAttemptTimeout(waits.attempt())
            // Standard mode: a few attempts (legacy mode, the SDK's default, makes nine for
            // DynamoDB) and a token bucket that stops retrying while the table keeps failing.
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(waits.attempts()).build())
            .addExecutionInterceptor(new DeadlineCut(waits)));
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  /**
   * The url-connection HTTP client, built on a thread of its own while the caller builds the
   * DynamoDB client around it: each takes about 150 ms of class loading on a cold JVM (TLS and
   * the trust store for this one), and they share little. The SDK client needs the HTTP client
   * only at its first request, where this waits for it. The SDK does not close a client it was
   * given; the url-connection client holds nothing to release.
   */
  private static final class HttpClientBuiltAside implements SdkHttpClient {

    private final CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();

    HttpClientBuiltAside(Waits waits) {
      Thread builder = new Thread(() -> {
        try {
          // The socket timeout backs up the SDK's attempt timeout, which aborts the connection
          // from the SDK's timer thread; without it a read waits 30 s.
          client.complete(UrlConnectionHttpClient.builder()
              .connectionTimeout(waits.connect())
              .socketTimeout(waits.attempt())
              .build());
        } catch (RuntimeException | LinkageError e) {
          client.completeExceptionally(e);
        }
      }, "pressfeed-http-client");
      builder.setDaemon(true);
      builder.start();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return client.join().prepareRequest(request);
    }

    @Override
    public String clientName() {
      return "UrlConnection"; // what the url-connection client calls itself (in the User-Agent)
    }

    @Override
    public void close() {
      client.join().close();
    }
  }

  private static AwsCredentialsProvider credentials(boolean local, boolean environmentHasCredentials) {
    if (local && !environmentHasCredentials) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    // On Lambda the execution role's keys are in the environment, session token included.
    return EnvironmentVariableCredentialsProvider.create();
  }

  /**
   * Creates the table as {@link ReleaseTable} defines it unless it exists, and waits until it
   * and its indexes are active. For local runs and tests; on AWS the template creates it.
   */
  public static void createTableIfMissing(DynamoDbClient client, String tableName) {
    try {
      if (isReady(client.describeTable(r -> r.tableName(tableName)))) {
        return;
      }
    } catch (ResourceNotFoundException missing) {
      try {
        client.createTable(ReleaseTable.createTableRequest(tableName));
      } catch (ResourceInUseException createdMeanwhile) {
        // Another process created it first: wait for it like for our own.
      }
    }
    awaitReady(client, tableName);
  }

  private static void awaitReady(DynamoDbClient client, String tableName) {
    // Polled here rather than with the SDK waiter, whose 20 s delay would dominate a test run.
    long deadline = System.nanoTime() + TABLE_READY_TIMEOUT.toNanos();
    while (!isReady(client.describeTable(r -> r.tableName(tableName)))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + tableName + " did not become active");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
      }
    }
  }

  private static boolean isReady(DescribeTableResponse description) {
    return description.table().tableStatus() == TableStatus.ACTIVE
        && description.table().globalSecondaryIndexes().stream()
            .map(GlobalSecondaryIndexDescription::indexStatus)
            .allMatch(IndexStatus.ACTIVE::equals);
  }
}
