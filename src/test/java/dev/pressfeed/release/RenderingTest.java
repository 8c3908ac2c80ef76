package dev.pressfeed.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reads serve the rendering stored with a release, and only a current one. */
class RenderingTest {

  private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
  private final ReleaseInput seed = Fixtures.seedInput();

  /** A release of its own feed identity: what one test composes never answers another's read. */
  private Release release(Rendering rendering) {
    return new Release("2024-03-01-gespeichert", "urn:uuid:" + UUID.randomUUID(), seed,
        Release.State.PUBLISHED, T, T, T, 1, rendering);
  }

  @Test
  void aReadServesTheCurrentStoredRenderingAsStored() {
    // Not what the composer would make: a read that composed anew would give other strings.
    Rendering stored = new Rendering(Rendering.VERSION, "<p>gespeichert</p>", null,
        "<p>gespeichert im Feed</p>", "gespeichert");

    assertThat(Rendering.of(release(stored))).isSameAs(stored);
  }

  @Test
  void aReleaseWithoutARenderingIsComposedOnReadAsTheNewsroomWouldHaveStoredIt() {
    assertThat(Rendering.of(release(null))).isEqualTo(Composer.compose(seed));
  }

  @Test
  void aRenderingOfAnotherVersionIsNeverServed() {
    Rendering old = new Rendering(Rendering.VERSION + 1, "<script>alert(1)</script>", null,
        "<script>alert(2)</script>", "alt");

    Rendering served = Rendering.of(release(old));

    assertThat(served).isEqualTo(Composer.compose(seed));
    assertThat(served.bodyHtml() + served.feedHtml()).doesNotContain("<script");
    assertThat(old.isCurrent()).isFalse();
  }

  @Test
  void onReadAReleaseVersionIsComposedOncePerContainer() {
    Release legacy = release(null);

    Rendering first = Rendering.of(legacy);
    assertThat(Rendering.of(legacy)).isSameAs(first);

    Rendering.forgetRecent();
    assertThat(Rendering.of(legacy)).isNotSameAs(first).isEqualTo(first);
  }
}
