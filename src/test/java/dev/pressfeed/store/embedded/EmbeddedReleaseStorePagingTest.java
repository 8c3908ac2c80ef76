package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.SortKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filtered lists read on in chunks until a page is full; these cases span many chunks, which
 * is where the embedded store's own paging code could lose or repeat a release.
 */
class EmbeddedReleaseStorePagingTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final int RELEASES = 700;
  private static final int RARE = 97;

  @TempDir
  static Path directory;

  private static EmbeddedReleaseStore store;
  private static final List<String> rareNewestFirst = new ArrayList<>();
  private static final List<String> allNewestFirst = new ArrayList<>();

  @BeforeAll
  static void fillStore() {
    store = EmbeddedReleaseStore.open(directory);
    for (int i = 0; i < RELEASES; i++) {
      String id = String.format("2025-03-01-n%04d", i);
      boolean rare = i % RARE == 0;
      store.insert(SampleReleases.published(id, NOW.minusSeconds(RELEASES - i),
          rare ? "de-AT" : "en", rare ? List.of("Rarität") : List.of("Alltag")));
      if (rare) {
        rareNewestFirst.add(0, id);
      }
      allNewestFirst.add(0, id);
    }
    // An embargo newer than everything: no cursor may uncover it.
    store.insert(SampleReleases.embargoed("2025-03-01-sperre", NOW.minusSeconds(1),
        NOW.plus(Duration.ofDays(1))));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @Test
  void aRareTagIsFoundAcrossManyChunksEachReleaseOnce() {
    assertThat(rareNewestFirst).hasSize(8);
    for (int limit : new int[] {1, 3, 8, 20}) {
      assertThat(everyPage(new ReleaseFilter("RARITÄT", null), limit))
          .as("limit %d", limit).containsExactlyElementsOf(rareNewestFirst);
    }
    assertThat(everyPage(new ReleaseFilter(null, "de"), 3))
        .containsExactlyElementsOf(rareNewestFirst);
  }

  @Test
  void unfilteredPagesCoverEverythingVisibleInOrder() {
    assertThat(everyPage(ReleaseFilter.NONE, 64)).containsExactlyElementsOf(allNewestFirst);
  }

  @Test
  void theNextPositionIsTheKeyOfTheLastReleaseReturned() {
    Page page = store.published(ReleaseFilter.NONE, Optional.empty(), 5, NOW);
    assertThat(page.next()).contains(page.items().get(4).publicSortKey());
  }

  @Test
  void aCursorFromTheFutureUncoversNoEmbargo() {
    SortKey future = SortKey.of(NOW.plus(Duration.ofDays(30)), "z");
    Page page = store.published(ReleaseFilter.NONE, Optional.of(future), 3, NOW);
    assertThat(page.items()).extracting(Release::id).doesNotContain("2025-03-01-sperre")
        .containsExactlyElementsOf(allNewestFirst.subList(0, 3));
  }

  @Test
  void editorsSeeTheEmbargoFirstAndPageThroughTheRest() {
    List<String> seen = new ArrayList<>();
    Optional<SortKey> after = Optional.empty();
    do {
      Page page = store.forEditors(EditorView.ALL, after, 100, NOW);
      page.items().forEach(r -> seen.add(r.id()));
      after = page.next();
    } while (after.isPresent());
    assertThat(seen).hasSize(RELEASES + 1).startsWith("2025-03-01-sperre").doesNotHaveDuplicates();
    assertThat(store.forEditors(EditorView.SCHEDULED, Optional.empty(), 5, NOW).items())
        .extracting(Release::id).containsExactly("2025-03-01-sperre");
  }

  @Test
  void aPageHoldsAtLeastOneRelease() {
    assertThatThrownBy(() -> store.published(ReleaseFilter.NONE, Optional.empty(), 0, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> everyPage(ReleaseFilter filter, int limit) {
    List<String> seen = new ArrayList<>();
    Optional<SortKey> after = Optional.empty();
    do {
      Page page = store.published(filter, after, limit, NOW);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      if (page.next().isPresent()) {
        assertThat(page.items()).as("a page with more to come is full").hasSize(limit);
      }
      page.items().forEach(r -> seen.add(r.id()));
      after = page.next();
    } while (after.isPresent());
    return seen;
  }
}
