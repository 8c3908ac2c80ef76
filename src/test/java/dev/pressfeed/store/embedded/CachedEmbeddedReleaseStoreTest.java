package dev.pressfeed.store.embedded;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.CachingReleaseStore;
import dev.pressfeed.store.ReleaseStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store behind the container's copy keeps every promise of the port: the copy
 * changes how often the store is read, never what a caller of the port gets.
 */
class CachedEmbeddedReleaseStoreTest extends ReleaseStoreContract {

  @TempDir
  Path directory;

  private final List<EmbeddedReleaseStore> opened = new ArrayList<>();

  @Override
  protected ReleaseStore emptyStore() {
    EmbeddedReleaseStore store =
        EmbeddedReleaseStore.open(directory.resolve("store-" + opened.size()));
    opened.add(store);
    return new CachingReleaseStore(store, clock);
  }

  @AfterEach
  void closeStores() {
    opened.forEach(EmbeddedReleaseStore::close);
  }
}
