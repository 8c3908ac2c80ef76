package dev.pressfeed.bench;

import dev.pressfeed.Fixtures;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Slug;
import dev.pressfeed.store.ReleaseDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A press office's recent output for the benchmark kit: the real seed release (full body,
 * quote, contacts, links, boilerplate) with varied titles, tags and languages, so what is
 * measured is the size and shape a real feed carries, not a toy entry.
 */
final class Newsdesk {

  /** Headlines in the languages a feed mixes; the seed's body stays, as in a real newsroom. */
  private static final List<String[]> HEADLINES = List.of(
      new String[] {"de", "Digitalstadt Darmstadt erhält Förderbescheid für Smart-City-Projekte"},
      new String[] {"en", "IT FOR WORK welcomes the second round of Smart Cities model projects"},
      new String[] {"de", "Neue Studie: Mittelstand investiert stärker in IT-Sicherheit"},
      new String[] {"fr", "Darmstadt, ville numérique : un financement fédéral pour sept ans"},
      new String[] {"de", "Fachkräftemangel in der IT: Verband fordert mehr Ausbildungsplätze"},
      new String[] {"en", "Regional IT network opens applications for its 2027 mentoring programme"},
      new String[] {"de", "Einladung zum Netzwerktreffen „Digitale Verwaltung“ im Darmstadtium"},
      new String[] {"en", "Survey: two in three small firms plan cloud migrations next year"});

  private static final List<List<String>> TAGS = List.of(
      List.of("Smart City", "Digitalstadt Darmstadt", "Förderung"),
      List.of("IT-Sicherheit", "Mittelstand"),
      List.of("Fachkräfte", "Ausbildung", "Verband"),
      List.of("Veranstaltung"),
      List.of("Cloud", "Studie", "Mittelstand", "Digitalisierung"));

  /** The newest release is published at this instant; each older one seven hours earlier. */
  static final Instant LATEST = Instant.parse("2026-11-20T09:00:00Z");

  private Newsdesk() {}

  /** The n-th newest release as an editor sends it (a published release with publishAt). */
  static ReleaseInput input(int n) {
    String[] headline = HEADLINES.get(n % HEADLINES.size());
    // A number keeps titles, and so ids, unique when headlines come round again.
    String title = headline[1] + " (" + (n + 1) + ")";
    return Fixtures.input(title, publishedAt(n).toString(), TAGS.get(n % TAGS.size()), headline[0]);
  }

  /** {@link #input(int)} as the JSON body an editor posts: the seed release with the fields that vary replaced. */
  static String requestBody(int n) {
    ReleaseInput input = input(n);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", input.title());
    fields.put("language", input.language());
    fields.put("tags", input.tags());
    fields.put("publishAt", input.publishAt());
    return RunningGateway.seedWith(fields);
  }

  static Instant publishedAt(int n) {
    return LATEST.minus(Duration.ofHours(7L * n));
  }

  /**
   * {@link #published} as a container reads them from the store: each release's document, with
   * the rendering the Newsroom composed when it wrote the release, read back.
   */
  static List<Release> stored(int count) {
    return published(count).stream()
        .map(r -> ReleaseDocument.read(ReleaseDocument.write(r.withRendering(Composer.compose(r.input())))))
        .toList();
  }

  /**
   * The {@code count} newest releases, newest first, some of them edited after publication, as
   * stored without a rendering (reads compose one).
   */
  static List<Release> published(int count) {
    List<Release> releases = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      ReleaseInput input = input(n);
      Instant at = publishedAt(n);
      String id = Slug.id(at, input.title());
      long version = 1 + n % 3;
      Instant updated = version == 1 ? at.minus(Duration.ofMinutes(30)) : at.plus(Duration.ofHours(version));
      releases.add(new Release(id, "urn:uuid:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)),
          input, Release.State.PUBLISHED, at, at.minus(Duration.ofHours(2)), updated, version));
    }
    return List.copyOf(releases);
  }
}
