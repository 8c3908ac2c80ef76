package dev.pressfeed;

import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.ReleaseJson;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Test inputs built from the real seed release ({@code seed-release.json}, a German press
 * release with quote, contacts, links and boilerplate), validated and normalised by
 * {@link ReleaseRules} exactly as the API would store them.
 */
public final class Fixtures {

  private static final ReleaseInput SEED = checked(read("/seed-release.json"));

  private Fixtures() {}

  /** The seed release as an editor would send it (published, with a past {@code publishAt}). */
  public static ReleaseInput seedInput() {
    return SEED;
  }

  /**
   * The seed release with another title, embargo, tags and language.
   *
   * @param publishAtOrNull an ISO-8601 instant with offset; {@code null} publishes on save
   */
  public static ReleaseInput input(String title, String publishAtOrNull, List<String> tags,
      String language) {
    ReleaseInput s = SEED;
    return checked(new ReleaseInput(title, s.subtitle(), s.summary(), s.body(), language,
        s.status(), publishAtOrNull, s.location(), tags, s.organization(), s.contacts(),
        s.links(), s.about(), s.attachments()));
  }

  /**
   * The largest body of four-byte characters an editor can send: paragraphs of 100 emoji, as
   * many as fit with the seed release's other fields into a request of 256 KiB (about 65 000
   * code points, 260 000 bytes). Its document has no room for a rendering beside the text.
   */
  public static String largestBody() {
    String paragraph = "😀".repeat(100);
    int one = RunningGateway.seedWith(Map.of("body", paragraph)).getBytes(StandardCharsets.UTF_8).length;
    // Each further paragraph adds 400 bytes and a blank line, "\n\n" in JSON (4 bytes).
    int further = (EditorApi.MAX_BODY_BYTES - one) / (paragraph.getBytes(StandardCharsets.UTF_8).length + 4);
    return String.join("\n\n", Collections.nCopies(1 + further, paragraph));
  }

  /** The same input with another body. */
  public static ReleaseInput withBody(ReleaseInput in, String body) {
    return checked(new ReleaseInput(in.title(), in.subtitle(), in.summary(), body, in.language(),
        in.status(), in.publishAt(), in.location(), in.tags(), in.organization(), in.contacts(),
        in.links(), in.about(), in.attachments()));
  }

  /** The same input saved as a draft. */
  public static ReleaseInput draft(ReleaseInput in) {
    return withStatus(in, "draft");
  }

  public static ReleaseInput withStatus(ReleaseInput in, String status) {
    return new ReleaseInput(in.title(), in.subtitle(), in.summary(), in.body(), in.language(),
        status, in.publishAt(), in.location(), in.tags(), in.organization(), in.contacts(),
        in.links(), in.about(), in.attachments());
  }

  private static ReleaseInput checked(ReleaseInput in) {
    ReleaseRules.Outcome outcome = ReleaseRules.check(in);
    if (!outcome.isValid()) {
      throw new IllegalArgumentException("fixture is not a valid release: " + outcome.errors());
    }
    return outcome.input();
  }

  /** Reads the resource the way the API reads a request body. */
  private static ReleaseInput read(String resource) {
    try (InputStream stream = Fixtures.class.getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalStateException(resource + " is missing from the test resources");
      }
      return ReleaseJson.read(stream.readAllBytes()).input();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
