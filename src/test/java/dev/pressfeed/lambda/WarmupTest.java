package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseRules;
import dev.pressfeed.release.Slug;
import dev.pressfeed.store.ReleaseDocument;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cold-start warm-up runs through for every handler, and its release can never be a real one. */
class WarmupTest {

  @ParameterizedTest
  @EnumSource(Warmup.class)
  void everyWarmupRunsThrough(Warmup warmup) {
    // run() throws what runQuietly() would only log: a broken warm-up fails here
    assertThatCode(warmup::run).doesNotThrowAnyException();
  }

  @Test
  void startedWarmupsCanBeAwaited() throws InterruptedException {
    Warmup.FEEDS.start();
    Warmup.FEEDS.start(); // once per JVM
    Warmup.awaitAll();
  }

  @Test
  void theReadingWarmupsReadADocumentWithTheRenderingTheComposerMakes() {
    Release read = ReleaseDocument.read(Warmup.storedDocument(Instant.now()));

    assertThat(read.rendering()).as("a current rendering, or the warm-up would compose one")
        .isNotNull().isEqualTo(Composer.compose(read.input()));
    assertThat(ReleaseRules.check(read.input()).isValid()).isTrue();
  }

  @Test
  void itRunsBesideTheConstructorOnlyWhenThereIsASecondProcessor() {
    assertThat(Warmup.worthStarting(1)).isFalse();
    assertThat(Warmup.worthStarting(2)).isTrue();
  }

  @Test
  void theSyntheticIdIsNoIdTheNewsroomGives() {
    String given = Slug.id(Instant.parse("2026-11-26T05:00:00Z"), "warm-up");
    assertThat(given).startsWith("2026-11-26-").isNotEqualTo("warm-up");
  }
}
