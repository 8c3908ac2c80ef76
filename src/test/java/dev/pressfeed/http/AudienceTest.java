package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §11 on the embedded store. */
class AudienceTest extends AudienceContract {

  @TempDir Path dir;
  private EmbeddedReleaseStore store;

  @Override
  protected ReleaseStore emptyStore() {
    store = EmbeddedReleaseStore.open(dir);
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
