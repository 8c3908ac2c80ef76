package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SnapStart priming warms the request path and never writes. */
class PrimingTest {

  @Test
  void primingReadsThroughEveryRouterAndWritesNothing(@TempDir Path dir) throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    try (EmbeddedReleaseStore real = EmbeddedReleaseStore.open(dir)) {
      ReleaseStore recording = (ReleaseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
            calls.add(method.getName());
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      Application application = new Application(Config.from(Map.of()), recording,
          new TestClock(Instant.parse("2026-11-26T09:00:00Z")));
      Priming.register(application).beforeCheckpoint(null);
    }
    assertThat(calls).contains("feedState", "published", "find", "head")
        .doesNotContain("insert", "replace", "insertIdempotency", "replaceIdempotency", "replaceFeedState");
  }
}
