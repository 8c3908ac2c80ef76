package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.Release;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Atom feeds are valid RFC 4287 (its RELAX NG grammar) with RFC 6721 tombstones, and the
 * validator does fail where it should, so a pass means something.
 */
class AtomSchemaTest {

  private static final List<Tombstone> TOMBSTONES = List.of(
      new Tombstone("urn:uuid:7c1f2a36-2f3b-4c0e-9a51-0d5a0b7e9c11", Instant.parse("2024-03-01T09:15:30.250Z")),
      new Tombstone("urn:uuid:0e0c7a6e-1d55-4f5e-8a8b-3d2f4c1b2a90", Instant.parse("2024-02-20T00:00:00Z")));

  @Test
  void theSeedAndTheTortureSetAreValidWithAndWithoutTombstones() {
    for (List<Release> releases : List.of(List.of(Editions.seed()), Editions.tortureSet(), List.<Release>of())) {
      FeedEdition plain = Editions.of(releases);
      assertThat(AtomSchema.problems(AtomFeed.render(plain))).isEmpty();
      assertThat(AtomSchema.problems(AtomFeed.render(withTombstones(plain, TOMBSTONES)))).isEmpty();
    }
  }

  @Test
  void tombstonesStandBetweenTheFeedsMetadataAndItsEntries() {
    String xml = AtomFeed.render(withTombstones(Editions.of(Editions.tortureSet()), TOMBSTONES));
    assertThat(xml).contains("xmlns:at=\"http://purl.org/atompub/tombstones/1.0\"")
        .contains("<at:deleted-entry ref=\"urn:uuid:7c1f2a36-2f3b-4c0e-9a51-0d5a0b7e9c11\" "
            + "when=\"2024-03-01T09:15:30.250Z\"")
        .contains("<at:deleted-entry ref=\"urn:uuid:0e0c7a6e-1d55-4f5e-8a8b-3d2f4c1b2a90\" "
            + "when=\"2024-02-20T00:00:00Z\"");
    int first = xml.indexOf("<at:deleted-entry");
    assertThat(first).isGreaterThan(xml.indexOf("<updated>")).isGreaterThan(xml.indexOf("<link rel=\"self\""));
    assertThat(xml.lastIndexOf("<at:deleted-entry")).isLessThan(xml.indexOf("<entry"));
    assertThat(AtomFeed.render(Editions.of(Editions.tortureSet()))).doesNotContain("deleted-entry")
        .doesNotContain("tombstones");
  }

  @Test
  void theValidatorRefusesWhatTheSchemasForbid() {
    String valid = AtomFeed.render(withTombstones(Editions.of(List.of(Editions.seed())), TOMBSTONES));
    assertThat(AtomSchema.problems(valid.replaceFirst("<id>[^<]*</id>", ""))).as("feed without id").isNotEmpty();
    assertThat(AtomSchema.problems(valid.replace("when=\"2024-03-01T09:15:30.250Z\"", "when=\"yesterday\"")))
        .as("a tombstone's when is a date").isNotEmpty();
    assertThat(AtomSchema.problems(valid.replace(" ref=\"urn:uuid:7c1f2a36-2f3b-4c0e-9a51-0d5a0b7e9c11\"", "")))
        .as("a tombstone without ref").isNotEmpty();
    String afterEntries = valid.replaceFirst("(<at:deleted-entry[^>]*/>)", "").replace("</feed>",
        "<at:deleted-entry ref=\"urn:uuid:7c1f2a36-2f3b-4c0e-9a51-0d5a0b7e9c11\" when=\"2024-03-01T09:15:30Z\"/></feed>");
    assertThat(AtomSchema.problems(afterEntries)).as("a tombstone after the entries").isNotEmpty();
  }

  static FeedEdition withTombstones(FeedEdition e, List<Tombstone> tombstones) {
    return new FeedEdition(e.title(), e.publisher(), e.description(), e.language(), e.selfUrl(),
        e.siteUrl(), e.baseUrl(), e.nextUrl(), e.entries(), e.updated(), e.hubUrl(), tombstones);
  }
}
