package dev.pressfeed.store.embedded;

import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Small, valid releases for the embedded store's own tests and the crash writer, which must
 * not depend on the shared seed fixture (the crash writer runs in a bare child JVM).
 */
final class SampleReleases {

  private SampleReleases() {}

  static ReleaseInput input(String title, String language, List<String> tags, String publishAt) {
    return new ReleaseInput(title, null, null, "Berlin, heute: " + title + ".", language,
        "published", publishAt, null, tags, null, List.of(), List.of(), null, List.of());
  }

  /** Published at {@code at}, without embargo. */
  static Release published(String id, Instant at) {
    return published(id, at, "de", List.of());
  }

  static Release published(String id, Instant at, String language, List<String> tags) {
    return new Release(id, feedId(id),
        input("Mitteilung " + id, language, tags, null), Release.State.PUBLISHED, at, at, at, 1);
  }

  /** Saved as published at {@code savedAt} with an embargo until {@code embargoEnd}. */
  static Release embargoed(String id, Instant savedAt, Instant embargoEnd) {
    return new Release(id, feedId(id),
        input("Sperrfrist " + id, "de", List.of(), embargoEnd.toString()),
        Release.State.PUBLISHED, savedAt, savedAt, savedAt, 1);
  }

  private static String feedId(String id) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The next version of {@code r} with a new title, saved at {@code at}. */
  static Release revised(Release r, String title, Instant at) {
    ReleaseInput in = r.input();
    ReleaseInput next = input(title, in.language(), in.tags(), in.publishAt());
    return new Release(r.id(), r.feedId(), next, r.state(), r.firstPublishedAt(), r.createdAt(),
        at, r.version() + 1);
  }
}
