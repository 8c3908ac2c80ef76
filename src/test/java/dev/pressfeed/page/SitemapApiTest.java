package dev.pressfeed.page;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The sitemap and robots.txt over the embedded store (the local gateway's). */
class SitemapApiTest extends SitemapContract {

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
