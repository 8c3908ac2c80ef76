package dev.pressfeed.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.endpoints.CloudFrontEndpointProvider;

class CloudFrontEdgeCacheTest {

  @Test
  void theClientsRegionReachesCloudFrontsGlobalEndpointSignedForUsEast1() throws Exception {
    // What the client built by CloudFrontEdgeCache.builder() resolves without an override.
    Endpoint endpoint = CloudFrontEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(Region.AWS_GLOBAL)).get();
    assertThat(endpoint.url().toString()).isEqualTo("https://cloudfront.amazonaws.com");
    assertThat(endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES)).singleElement()
        .isInstanceOfSatisfying(SigV4AuthScheme.class, scheme -> {
          assertThat(scheme.signingRegion()).isEqualTo("us-east-1");
        });
  }

  @Test
  void aPurgeOfEveryFeedIsOnePathStartedOncePerReferenceAndReportedUntilDone() {
    try (StandInCloudFront cdn = StandInCloudFront.start(new dev.pressfeed.TestClock(
        Instant.parse("2026-11-26T09:00:00Z")))) {
      cdn.inProgressFor(1);
      CloudFrontEdgeCache edge = cdn.edge("E1", Duration.ofSeconds(300));
      EdgeCache.Purge started = edge.purge("ping-a#0");
      assertThat(started.done()).isFalse();
      assertThat(started.created()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
      // Asked again with the same reference (an answer lost on the way): the same purge.
      assertThat(edge.purge("ping-a#0").id()).isEqualTo(started.id());
      assertThat(edge.status(started.id()).done()).isFalse();
      assertThat(edge.status(started.id()).done()).isTrue();
      assertThat(cdn.creates()).allSatisfy(c -> {
        assertThat(c.paths()).containsExactly("/feed.*");
        assertThat(c.quantity()).isEqualTo(1);
      });
      assertThat(edge.keeps()).isEqualTo(Duration.ofSeconds(300));
    }
  }
}
