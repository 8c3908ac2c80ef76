package dev.pressfeed.release;

import java.util.List;

/**
 * What an editor sends for {@code POST /releases} and {@code PUT /releases/{id}}, already
 * read into the right shape. {@link ReleaseRules} decides whether the values are acceptable;
 * optional fields are {@code null} (or empty lists) when absent.
 *
 * @param status    {@code "draft"} or {@code "published"} as sent, {@code null} for the default
 * @param publishAt the embargo instant as sent; after validation, normalised to UTC
 */
public record ReleaseInput(
    String title,
    String subtitle,
    String summary,
    String body,
    String language,
    String status,
    String publishAt,
    String location,
    List<String> tags,
    Organization organization,
    List<Contact> contacts,
    List<Link> links,
    String about,
    List<Attachment> attachments) {

  public ReleaseInput {
    tags = tags == null ? List.of() : List.copyOf(tags);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    links = links == null ? List.of() : List.copyOf(links);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** The issuing organisation. */
  public record Organization(String name, String url) {}

  /** A press contact. Every field is optional but the name. */
  public record Contact(
      String name, String role, String organization, String email, String phone, String fax,
      String address, String url) {}

  /** A related link with an absolute http(s) URL. */
  public record Link(String title, String url) {}

  /** A file that goes with the release; becomes a feed enclosure. */
  public record Attachment(String url, String title, String mediaType, Long length) {}

  /** Whether the editor asked for a draft. */
  public boolean isDraft() {
    return "draft".equals(status);
  }
}
