package dev.pressfeed.store.embedded;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's copy over the embedded store; the other container is a second store object
 * over the same directory, as a second local gateway on the same data would have.
 */
class CachingEmbeddedStoreTest extends CachingReleaseStoreContract {

  @TempDir
  Path directory;

  private final List<EmbeddedReleaseStore> opened = new ArrayList<>();

  @Override
  protected ReleaseStore emptyStore() {
    return open(directory.resolve("store"));
  }

  @Override
  protected ReleaseStore sameData(ReleaseStore store) {
    return open(directory.resolve("store"));
  }

  private EmbeddedReleaseStore open(Path path) {
    EmbeddedReleaseStore store = EmbeddedReleaseStore.open(path);
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(EmbeddedReleaseStore::close);
  }
}
