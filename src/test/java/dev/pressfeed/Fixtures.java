package dev.pressfeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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

  private static ReleaseInput read(String resource) {
    try (InputStream stream = Fixtures.class.getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalStateException(resource + " is missing from the test resources");
      }
      JsonNode n = new ObjectMapper().readTree(stream);
      ReleaseInput.Organization organization = n.hasNonNull("organization")
          ? new ReleaseInput.Organization(text(n.get("organization"), "name"),
              text(n.get("organization"), "url"))
          : null;
      List<String> tags = new ArrayList<>();
      n.path("tags").forEach(t -> tags.add(t.asText()));
      List<ReleaseInput.Contact> contacts = new ArrayList<>();
      for (JsonNode c : n.path("contacts")) {
        contacts.add(new ReleaseInput.Contact(text(c, "name"), text(c, "role"),
            text(c, "organization"), text(c, "email"), text(c, "phone"), text(c, "fax"),
            text(c, "address"), text(c, "url")));
      }
      List<ReleaseInput.Link> links = new ArrayList<>();
      for (JsonNode l : n.path("links")) {
        links.add(new ReleaseInput.Link(text(l, "title"), text(l, "url")));
      }
      List<ReleaseInput.Attachment> attachments = new ArrayList<>();
      for (JsonNode a : n.path("attachments")) {
        attachments.add(new ReleaseInput.Attachment(text(a, "url"), text(a, "title"),
            text(a, "mediaType"), a.hasNonNull("length") ? a.get("length").asLong() : null));
      }
      return new ReleaseInput(text(n, "title"), text(n, "subtitle"), text(n, "summary"),
          text(n, "body"), text(n, "language"), text(n, "status"), text(n, "publishAt"),
          text(n, "location"), tags, organization, contacts, links, text(n, "about"),
          attachments);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
