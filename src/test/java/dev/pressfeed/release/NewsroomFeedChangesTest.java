package dev.pressfeed.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@link Newsroom} tells {@link FeedChanges}, and when: before the write, with the
 * version the public saw and the one it will see; after it, that the write is stored.
 */
class NewsroomFeedChangesTest {

  @TempDir Path dir;

  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
  /** Each call: "before <ids@versions>", "stored <ids@versions>", or a store write. */
  private final List<String> events = new ArrayList<>();
  private EmbeddedReleaseStore embedded;
  private Duration writeTakes = Duration.ZERO;
  private Newsroom newsroom;

  @BeforeEach
  void open() {
    embedded = EmbeddedReleaseStore.open(dir);
    // Every release write is recorded, and takes writeTakes on the clock.
    ReleaseStore store = (ReleaseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("insert") || method.getName().equals("replace")) {
            events.add("write " + label(List.of((Release) args[0])));
            clock.advance(writeTakes);
          }
          try {
            return method.invoke(embedded, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    newsroom = new Newsroom(store, clock, UUID::randomUUID, releases -> {
      events.add("before " + label(releases));
      return () -> events.add("stored " + label(releases));
    });
  }

  @AfterEach
  void close() {
    embedded.close();
  }

  private static String label(List<Release> releases) {
    return String.join(",", releases.stream().map(r -> "v" + r.version() + ":" + r.state()).toList());
  }

  @Test
  void aPublicationIsToldBeforeItsWriteAndConfirmedAfter() {
    newsroom.create(Fixtures.seedInput());
    assertThat(events).containsExactly("before v1:PUBLISHED", "write v1:PUBLISHED", "stored v1:PUBLISHED");
  }

  @Test
  void anEditNamesTheVersionSeenAndTheVersionToBeSeenAndARetractionTheOneSeen() {
    Release first = newsroom.create(Fixtures.seedInput());
    events.clear();
    Release second = newsroom.revise(first, Fixtures.input("Neu", null, List.of("Energie"), "en"));
    assertThat(newsroom.save(first, second)).isTrue();
    assertThat(newsroom.save(second, newsroom.retract(second))).isTrue();
    assertThat(events).containsExactly(
        "before v1:PUBLISHED,v2:PUBLISHED", "write v2:PUBLISHED", "stored v1:PUBLISHED,v2:PUBLISHED",
        "before v2:PUBLISHED", "write v3:RETRACTED", "stored v2:PUBLISHED");
  }

  @Test
  void draftsAndScheduledReleasesAreNotTold() {
    Release draft = newsroom.create(Fixtures.draft(Fixtures.seedInput()));
    newsroom.save(draft, newsroom.retract(draft));
    newsroom.create(Fixtures.input("Später", clock.instant().plusSeconds(60).toString(), List.of(), "de"));
    assertThat(events).allMatch(e -> e.startsWith("write "));
  }

  @Test
  void aScheduledReleaseWhoseEmbargoEndsDuringItsWriteIsToldAfterTheWrite() {
    // The notifier may have listed the releases at that moment, before this one was stored.
    writeTakes = Duration.ofSeconds(2);
    newsroom.create(Fixtures.input("Gleich", clock.instant().plusSeconds(1).toString(), List.of(), "de"));
    assertThat(events).containsExactly("write v1:PUBLISHED", "before v1:PUBLISHED", "stored v1:PUBLISHED");
  }
}
