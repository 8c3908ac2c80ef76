package dev.pressfeed.page;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The newsroom's paging over the embedded store (the local gateway's). */
class IndexPagingTest extends IndexPagingContract {

  @TempDir Path directory;
  private EmbeddedReleaseStore store;

  @Override
  protected ReleaseStore emptyStore() {
    store = EmbeddedReleaseStore.open(directory);
    return store;
  }

  @Override
  protected void closeStore() {
    store.close();
  }
}
