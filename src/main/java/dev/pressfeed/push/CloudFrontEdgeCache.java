package dev.pressfeed.push;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * The feeds' CDN on AWS: a CloudFront distribution ({@code CDN_DISTRIBUTION_ID}), purged with one
 * invalidation of the path {@value #PATH}. A {@code *} at the end of a path matches any rest,
 * query strings included, and CloudFront drops every cached variant of a matched object whatever
 * the encoding it was cached for: that one path is every feed, every filter and every format, and
 * is billed as one path (1,000 free a month per account, then $0.005 each).
 *
 * <p>The client is built on the first purge: only the notifier function ever purges, so no other
 * function loads the CloudFront SDK. Every call is bounded ({@link EdgeCache#CALL_TIME} for both).
 */
public final class CloudFrontEdgeCache implements EdgeCache {

  /** Every feed: {@code /feed.rss}, {@code /feed.atom?tag=…}, {@code /feed.json?lang=…}. */
  static final String PATH = "/feed.*";
  static final String COMPLETED = "Completed";
  private static final Duration CONNECT = Duration.ofSeconds(1);
  private static final Duration ATTEMPT = Duration.ofMillis(1_400);
  /** Two attempts of one call; a create and a status check fit {@link EdgeCache#CALL_TIME}. */
  private static final Duration CALL = Duration.ofSeconds(3);
  private static final int ATTEMPTS = 2;

  private final String distributionId;
  private final Duration keeps;
  private final Supplier<CloudFrontClient> build;
  private CloudFrontClient client;

  /**
   * @param keeps how long the distribution keeps a feed ({@code FEED_MAX_AGE})
   * @param build builds the client on first use (tests point it at a stand-in)
   */
  public CloudFrontEdgeCache(String distributionId, Duration keeps, Supplier<CloudFrontClient> build) {
    this.distributionId = distributionId;
    this.keeps = keeps;
    this.build = build;
  }

  /**
   * On Lambda, the distribution {@code CDN_DISTRIBUTION_ID} names (none: {@link EdgeCache#NONE}):
   * the execution role's keys from the environment, CloudFront's global endpoint.
   */
  public static EdgeCache onAws(Optional<String> distributionId, Duration keeps) {
    if (distributionId.isEmpty()) {
      return EdgeCache.NONE;
    }
    return new CloudFrontEdgeCache(distributionId.get(), keeps,
        () -> builder().credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build());
  }

  /**
   * The bounded client: CloudFront is a global service, one endpoint signed for us-east-1, which
   * the SDK picks for {@link Region#AWS_GLOBAL} whatever region the function runs in.
   */
  public static CloudFrontClientBuilder builder() {
    return CloudFrontClient.builder()
        .region(Region.AWS_GLOBAL)
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(ATTEMPT).build())
        .overrideConfiguration(o -> o
            .apiCallTimeout(CALL)
            .apiCallAttemptTimeout(ATTEMPT)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS).build()));
  }

  @Override
  public Purge purge(String reference) {
    return purge(client().createInvalidation(r -> r
        .distributionId(distributionId)
        .invalidationBatch(b -> b
            .callerReference(reference)
            .paths(p -> p.quantity(1).items(PATH))))
        .invalidation());
  }

  @Override
  public Purge status(String id) {
    return purge(client().getInvalidation(r -> r.distributionId(distributionId).id(id)).invalidation());
  }

  @Override
  public Duration keeps() {
    return keeps;
  }

  private static Purge purge(Invalidation invalidation) {
    return new Purge(invalidation.id(), invalidation.createTime(), COMPLETED.equals(invalidation.status()));
  }

  private synchronized CloudFrontClient client() {
    if (client == null) {
      client = build.get();
    }
    return client;
  }
}
