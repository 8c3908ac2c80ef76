package dev.pressfeed.release;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The value rules of SPEC §2. {@link #check} returns either every failed field at once or a
 * normalised input (trimmed one-line texts, {@code publishAt} in UTC); a release is never
 * half-valid.
 */
public final class ReleaseRules {

  public static final int MAX_TITLE = 300;
  public static final int MAX_SUBTITLE = 300;
  public static final int MAX_SUMMARY = 1000;
  public static final int MAX_BODY = 100_000;
  public static final int MAX_LOCATION = 100;
  public static final int MAX_TAGS = 20;
  public static final int MAX_TAG = 50;
  public static final int MAX_LANGUAGE = 35;
  public static final int MAX_CONTACTS = 10;
  public static final int MAX_LINKS = 20;
  public static final int MAX_ABOUT = 5000;
  public static final int MAX_ATTACHMENTS = 10;
  /** For names, roles, addresses and the like the spec leaves open. */
  public static final int MAX_SHORT_TEXT = 300;
  public static final int MAX_URL = 2048;

  // Earliest and latest embargo: keeps sort keys four-digit years and fixed width.
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern LANGUAGE_START = Pattern.compile("[A-Za-z]{2,3}(-.*)?");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");
  /** What a field holding a character {@link FeedText} refuses is told, whichever it was. */
  static final String REFUSED_CHARACTERS = "contains a character that cannot appear in a feed: "
      + "a control character other than tab, line feed and carriage return (U+0000–U+001F, "
      + "U+007F–U+009F), a lone surrogate or a Unicode non-character (U+FDD0–U+FDEF, "
      + "U+FFFE/U+FFFF in any plane)";

  private ReleaseRules() {}

  /** The outcome of checking an input: exactly one of the two is non-empty / non-null. */
  public record Outcome(ReleaseInput input, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  public static Outcome check(ReleaseInput in) {
    Errors errors = new Errors();

    String title = required(errors, "title", in.title(), MAX_TITLE);
    String subtitle = optional(errors, "subtitle", trim(in.subtitle()), MAX_SUBTITLE);
    String summary = optional(errors, "summary", in.summary(), MAX_SUMMARY);
    String body = requiredUntrimmed(errors, "body", in.body(), MAX_BODY);
    String language = language(errors, "language", in.language());
    String status = in.status();
    if (status != null && !status.equals("draft") && !status.equals("published")) {
      errors.add("status", "must be \"draft\" or \"published\"");
    }
    String publishAt = instant(errors, "publishAt", in.publishAt());
    String location = optional(errors, "location", trim(in.location()), MAX_LOCATION);

    List<String> tags = new ArrayList<>();
    if (in.tags().size() > MAX_TAGS) {
      errors.add("tags", "at most " + MAX_TAGS + " tags");
    }
    for (int i = 0; i < in.tags().size(); i++) {
      tags.add(required(errors, "tags[" + i + "]", in.tags().get(i), MAX_TAG));
    }

    ReleaseInput.Organization organization = null;
    if (in.organization() != null) {
      organization = new ReleaseInput.Organization(
          required(errors, "organization.name", in.organization().name(), MAX_SHORT_TEXT),
          url(errors, "organization.url", in.organization().url(), false));
    }

    if (in.contacts().size() > MAX_CONTACTS) {
      errors.add("contacts", "at most " + MAX_CONTACTS + " contacts");
    }
    List<ReleaseInput.Contact> contacts = new ArrayList<>();
    for (int i = 0; i < in.contacts().size(); i++) {
      ReleaseInput.Contact c = in.contacts().get(i);
      String at = "contacts[" + i + "].";
      String email = optional(errors, at + "email", trim(c.email()), MAX_SHORT_TEXT);
      if (email != null && !EMAIL.matcher(email).matches()) {
        errors.add(at + "email", "must be an e-mail address");
      }
      contacts.add(new ReleaseInput.Contact(
          required(errors, at + "name", c.name(), MAX_SHORT_TEXT),
          optional(errors, at + "role", trim(c.role()), MAX_SHORT_TEXT),
          optional(errors, at + "organization", trim(c.organization()), MAX_SHORT_TEXT),
          email,
          optional(errors, at + "phone", trim(c.phone()), MAX_SHORT_TEXT),
          optional(errors, at + "fax", trim(c.fax()), MAX_SHORT_TEXT),
          optional(errors, at + "address", trim(c.address()), MAX_SHORT_TEXT),
          url(errors, at + "url", c.url(), false)));
    }

    if (in.links().size() > MAX_LINKS) {
      errors.add("links", "at most " + MAX_LINKS + " links");
    }
    List<ReleaseInput.Link> links = new ArrayList<>();
    for (int i = 0; i < in.links().size(); i++) {
      ReleaseInput.Link l = in.links().get(i);
      String at = "links[" + i + "].";
      links.add(new ReleaseInput.Link(
          required(errors, at + "title", l.title(), MAX_SHORT_TEXT),
          url(errors, at + "url", l.url(), true)));
    }

    String about = optional(errors, "about", in.about(), MAX_ABOUT);

    if (in.attachments().size() > MAX_ATTACHMENTS) {
      errors.add("attachments", "at most " + MAX_ATTACHMENTS + " attachments");
    }
    List<ReleaseInput.Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < in.attachments().size(); i++) {
      ReleaseInput.Attachment a = in.attachments().get(i);
      String at = "attachments[" + i + "].";
      String mediaType = optional(errors, at + "mediaType", trim(a.mediaType()), 255);
      if (mediaType != null && !MEDIA_TYPE.matcher(mediaType).matches()) {
        errors.add(at + "mediaType", "must be a media type such as application/pdf");
      }
      if (a.length() != null && a.length() < 0) {
        errors.add(at + "length", "must be a byte count of 0 or more");
      }
      attachments.add(new ReleaseInput.Attachment(
          url(errors, at + "url", a.url(), true),
          optional(errors, at + "title", trim(a.title()), MAX_SHORT_TEXT),
          mediaType,
          a.length()));
    }

    if (!errors.list.isEmpty()) {
      return new Outcome(null, List.copyOf(errors.list));
    }
    return new Outcome(
        new ReleaseInput(title, subtitle, summary, body, language, status, publishAt, location,
            tags, organization, contacts, links, about, attachments),
        List.of());
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * {@code s} without surrounding whitespace, but never without a character {@link FeedText}
   * refuses ({@code String.strip} would take U+000B or U+001F off the ends): such a character is
   * refused with 422 like anywhere else, not dropped in silence.
   */
  private static String trim(String s) {
    if (s == null) {
      return null;
    }
    int start = 0;
    int end = s.length();
    while (start < end && strippable(s.charAt(start))) {
      start++;
    }
    while (end > start && strippable(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean strippable(char c) {
    return Character.isWhitespace(c) && FeedText.isAllowed(c);
  }

  private static String required(Errors errors, String field, String value, int max) {
    return requiredUntrimmed(errors, field, trim(value), max);
  }

  private static String requiredUntrimmed(Errors errors, String field, String value, int max) {
    if (value == null || value.isBlank() && FeedText.isAllowed(value)) {
      errors.add(field, "is required and must not be empty");
      return value;
    }
    return checked(errors, field, value, max);
  }

  private static String optional(Errors errors, String field, String value, int max) {
    if (value == null) {
      return null;
    }
    return checked(errors, field, value, max);
  }

  private static String checked(Errors errors, String field, String value, int max) {
    if (!FeedText.isAllowed(value)) {
      errors.add(field, REFUSED_CHARACTERS);
    } else if (length(value) > max) {
      errors.add(field, "must be at most " + max + " characters");
    }
    return value;
  }

  private static String language(Errors errors, String field, String value) {
    String tag = required(errors, field, value, MAX_LANGUAGE);
    if (tag == null || tag.isBlank() || !FeedText.isAllowed(tag)) {
      return tag;
    }
    try {
      if (!LANGUAGE_START.matcher(tag).matches()) {
        throw new IllformedLocaleException();
      }
      new Locale.Builder().setLanguageTag(tag);
    } catch (IllformedLocaleException e) {
      errors.add(field, "must be a BCP 47 language tag such as de, en or de-DE");
    }
    return tag;
  }

  private static String instant(Errors errors, String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        errors.add(field, "must lie between 1970 and 9999");
        return value;
      }
      return instant.toString();
    } catch (DateTimeParseException e) {
      errors.add(field, "must be an ISO-8601 instant with offset, such as 2025-03-01T09:00:00+01:00");
      return value;
    }
  }

  private static String url(Errors errors, String field, String value, boolean required) {
    String url = trim(value);
    if (url == null || url.isEmpty()) {
      if (required) {
        errors.add(field, "is required and must not be empty");
      }
      return required ? url : null;
    }
    Function<String, Boolean> ok = u -> {
      try {
        URI uri = new URI(u);
        String scheme = uri.getScheme();
        return uri.isAbsolute()
            && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
            && uri.getHost() != null && !uri.getHost().isEmpty();
      } catch (URISyntaxException e) {
        return false;
      }
    };
    if (length(url) > MAX_URL) {
      errors.add(field, "must be at most " + MAX_URL + " characters");
    } else if (!FeedText.isAllowed(url) || !ok.apply(url)) {
      errors.add(field, "must be an absolute http(s) URL");
    }
    return url;
  }

  private static final class Errors {
    final List<FieldError> list = new ArrayList<>();

    void add(String field, String message) {
      list.add(new FieldError(field, message));
    }
  }
}
