package dev.pressfeed.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The editor function's nudge: an asynchronous invocation of the notifier function right after a
 * write that queued a ping, so the ping leaves within seconds rather than at the next minute's
 * scheduled round. Best effort: one attempt with short timeouts, a failure only logged — the
 * schedule sends the ping anyway. The client is built on the first nudge, so a container that
 * never queues a ping never loads it, and only the editor function builds it at all.
 */
final class NotifierNudge implements Runnable {

  /** What the notifier function receives; it runs the same round for any event. */
  static final String PAYLOAD = "{\"source\":\"pressfeed.editor\",\"detail-type\":\"Ping queued\"}";
  private static final Duration CONNECT = Duration.ofSeconds(1);
  private static final Duration CALL = Duration.ofSeconds(2);

  private final String functionName;
  private final String region;
  private LambdaClient client;

  NotifierNudge(String functionName, String region) {
    this.functionName = functionName;
    this.region = region;
  }

  @Override
  public void run() {
    try {
      client().invoke(r -> r.functionName(functionName)
          .invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      System.err.println("pressfeed: nudging " + functionName + " failed (its schedule sends the ping): " + e);
    }
  }

  private synchronized LambdaClient client() {
    if (client == null) {
      client = LambdaClient.builder()
          .region(Region.of(region))
          .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(CALL).build())
          .overrideConfiguration(o -> o.apiCallTimeout(CALL).retryPolicy(RetryPolicy.none()))
          .build();
    }
    return client;
  }
}
