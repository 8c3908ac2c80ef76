package dev.pressfeed.store.embedded;

import dev.pressfeed.push.PushContract;
import dev.pressfeed.release.ReleaseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §10's pings from the local gateway over the embedded store. */
class EmbeddedPushTest extends PushContract {

  @TempDir
  Path directory;

  private int stores;

  @Override
  protected ReleaseStore emptyStore() {
    EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory.resolve("store-" + stores++));
    afterwards(store);
    return store;
  }
}
