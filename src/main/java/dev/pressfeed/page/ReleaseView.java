package dev.pressfeed.page;

import dev.pressfeed.feed.FeedEdition;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A release page, formatted for its reader: the date in the release's language and the
 * newsroom's zone, contacts with {@code mailto:} and {@code tel:} links, attachments with type
 * and size. The body and the boilerplate are the release's stored, sanitised rendering.
 */
public record ReleaseView(
    Head head,
    Words words,
    String siteName,
    String homeUrl,
    String title,
    String subtitle,
    String location,
    String date,
    String dateTime,
    String bodyHtml,
    String aboutHeading,
    String aboutHtml,
    List<TagLink> tags,
    List<ContactView> contacts,
    List<LinkView> links,
    List<AttachmentView> attachments) {

  /** A tag, linking to the newsroom filtered by it. */
  public record TagLink(String name, String href) {}

  /** A press contact; {@code mailto} and {@code tel} are links, or {@code null}. */
  public record ContactView(String name, String role, String organization, String email,
      String mailto, String phone, String tel, String fax, List<String> address, String url) {}

  public record LinkView(String title, String url) {}

  /** An attachment; {@code details} says its type and size, as far as the editor gave them. */
  public record AttachmentView(String title, String url, String details) {}

  static ReleaseView of(Release release, String baseUrl, Site site, List<Head.FeedLink> feeds) {
    ReleaseInput in = release.input();
    Rendering rendering = Rendering.of(release);
    Words words = Words.of(in.language());
    String url = FeedEdition.permalink(baseUrl, release);
    String summary = rendering.feedSummary();
    List<Head.Meta> meta = new ArrayList<>();
    meta.add(new Head.Meta("og:type", "article"));
    meta.add(new Head.Meta("og:title", in.title()));
    meta.add(new Head.Meta("og:description", summary));
    meta.add(new Head.Meta("og:url", url));
    meta.add(new Head.Meta("og:site_name", site.name()));
    meta.add(new Head.Meta("og:locale", openGraphLocale(in.language())));
    meta.add(new Head.Meta("article:published_time", release.publishedAt().toString()));
    meta.add(new Head.Meta("article:modified_time", release.updatedAt().toString()));
    for (String tag : in.tags()) {
      meta.add(new Head.Meta("article:tag", tag));
    }
    Head head = new Head(in.language(), in.title() + " – " + site.name(), summary, url,
        site.name(), feeds, meta,
        JsonLd.newsArticle(release, summary, url, site.name(), baseUrl + "/"), true, null, null);

    List<TagLink> tags = in.tags().stream()
        .map(tag -> new TagLink(tag, baseUrl + "/?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)))
        .toList();
    Locale locale = LongDates.locale(in.language());
    return new ReleaseView(head, words, site.name(), baseUrl + "/", in.title(), in.subtitle(),
        in.location(), LongDates.format(release.publishedAt(), in.language(), site.zone()),
        LongDates.datetime(release.publishedAt()), rendering.bodyHtml(),
        words.aboutOf(in.organization() == null ? null : in.organization().name()),
        rendering.aboutHtml(), tags,
        in.contacts().stream().map(ReleaseView::contact).toList(),
        in.links().stream().map(l -> new LinkView(l.title() != null ? l.title() : l.url(), l.url())).toList(),
        in.attachments().stream().map(a -> attachment(a, locale)).toList());
  }

  private static ContactView contact(ReleaseInput.Contact c) {
    return new ContactView(c.name(), c.role(), c.organization(), c.email(),
        c.email() == null ? null : mailto(c.email()), c.phone(), tel(c.phone()), c.fax(),
        c.address() == null ? List.of() : c.address().lines().map(String::strip)
            .filter(line -> !line.isEmpty()).toList(),
        c.url());
  }

  /**
   * OpenGraph's {@code language_TERRITORY} ({@code de_DE}), or the language alone when the tag
   * names no region: {@code Locale.toString()} would write {@code zh__#Hant} for {@code zh-Hant}.
   */
  static String openGraphLocale(String languageTag) {
    Locale locale = LongDates.locale(languageTag);
    return locale.getCountry().isEmpty() ? locale.getLanguage() : locale.getLanguage() + "_" + locale.getCountry();
  }

  /**
   * A {@code mailto:} URI (RFC 6068) with the address as its one recipient: the rules accept any
   * address without spaces and with one {@code @}, so {@code a?bcc=x%40evil.example@b.example}
   * or {@code a,b@c.example} must not become a header field or a second recipient. Everything
   * but unreserved characters and the delimiters an address may hold is percent-encoded (UTF-8).
   */
  static String mailto(String address) {
    StringBuilder uri = new StringBuilder("mailto:");
    for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$'()*+;:@".indexOf(c) >= 0) {
        uri.append((char) c);
      } else {
        uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return uri.toString();
  }

  /** A {@code tel:} URI (RFC 3966 global number) from a number as people write it, if it is one. */
  static String tel(String phone) {
    if (phone == null) {
      return null;
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.length() == 0) {
        digits.append(c);
      }
    }
    int count = digits.length() - (digits.indexOf("+") == 0 ? 1 : 0);
    return count >= 3 && count <= 15 ? "tel:" + digits : null;
  }

  private static AttachmentView attachment(ReleaseInput.Attachment a, Locale locale) {
    List<String> details = new ArrayList<>();
    if (a.mediaType() != null) {
      details.add(a.mediaType());
    }
    if (a.length() != null) {
      details.add(size(a.length(), locale));
    }
    return new AttachmentView(a.title() != null ? a.title() : a.url(), a.url(),
        details.isEmpty() ? null : String.join(", ", details));
  }

  /** A size as people read it: "850 KB", "1.2 MB" ("1,2 MB" in German). */
  static String size(long bytes, Locale locale) {
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMaximumFractionDigits(1);
    if (bytes < 1_000) {
      return number.format(bytes) + " B";
    }
    if (bytes < 1_000_000) {
      return number.format(Math.round(bytes / 1_000.0)) + " KB";
    }
    if (bytes < 1_000_000_000) {
      return number.format(bytes / 1_000_000.0) + " MB";
    }
    return number.format(bytes / 1_000_000_000.0) + " GB";
  }
}
