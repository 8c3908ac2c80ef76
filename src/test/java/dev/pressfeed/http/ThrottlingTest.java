package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.StoreUnavailableException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When DynamoDB throttles, every route answers 503 with Retry-After, never 500. */
class ThrottlingTest {

  @Test
  void aThrottledStoreGives503WithRetryAfterOnEveryRoute() throws Exception {
    ReleaseStore throttled = (ReleaseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
          throw new StoreUnavailableException("ProvisionedThroughputExceededException (test)", null);
        });
    try (RunningGateway api = new RunningGateway(throttled)) {
      List<Reply> replies = List.of(
          api.get("/releases"), api.get("/releases/2026-11-26-x"), api.get("/feed.rss"),
          api.get("/feed.atom"), api.get("/feed.json"), api.post(RunningGateway.seedJson()),
          api.editor("PUT", "/releases/2026-11-26-x", RunningGateway.seedJson(), "If-Match", "\"v1\""),
          api.editor("DELETE", "/releases/2026-11-26-x", null, "If-Match", "\"v1\""),
          api.editor("GET", "/editor/releases", null), api.editor("GET", "/editor/releases/2026-11-26-x", null));
      for (Reply reply : replies) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.text()).doesNotContain("Provisioned").doesNotContain("Exception");
      }
    }
  }
}
