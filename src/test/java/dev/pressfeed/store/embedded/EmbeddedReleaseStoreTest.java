package dev.pressfeed.store.embedded;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.ReleaseStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store keeps the same promises as every {@link ReleaseStore}. */
class EmbeddedReleaseStoreTest extends ReleaseStoreContract {

  @TempDir
  Path directory;

  private final List<EmbeddedReleaseStore> opened = new ArrayList<>();

  @Override
  protected ReleaseStore emptyStore() {
    // A directory of its own per call: "empty" even if a test asks twice.
    EmbeddedReleaseStore store =
        EmbeddedReleaseStore.open(directory.resolve("store-" + opened.size()));
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(EmbeddedReleaseStore::close);
  }
}
