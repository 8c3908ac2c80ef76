package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link EveryAcceptedReleaseInEveryFeed} on the embedded store the local gateway uses. */
class EveryAcceptedReleaseInEveryFeedTest extends EveryAcceptedReleaseInEveryFeed {

  @TempDir Path dir;
  private EmbeddedReleaseStore store;

  @Override
  protected ReleaseStore emptyStore() {
    store = EmbeddedReleaseStore.open(dir);
    return store;
  }

  @Override
  protected int defaultTries() {
    return 120;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
