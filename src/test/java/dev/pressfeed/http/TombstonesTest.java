package dev.pressfeed.http;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Withdrawal signals over the embedded store (the local gateway's). */
class TombstonesTest extends TombstonesContract {

  @TempDir Path directory;
  private final List<EmbeddedReleaseStore> opened = new ArrayList<>();

  @Override
  protected ReleaseStore emptyStore() {
    EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory.resolve("store-" + opened.size()));
    opened.add(store);
    return store;
  }

  @Override
  protected void closeStore() {
    opened.forEach(EmbeddedReleaseStore::close);
  }
}
