package dev.pressfeed.release;

import dev.pressfeed.release.ReleaseInput.Contact;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Sets a release in HTML ({@link Rendering}): the body and the boilerplate as the API serves
 * them, and what a feed reader shows of the release, the same in every format — the full,
 * sanitised HTML (subtitle, dateline, body, press contacts, links, boilerplate) and a plain-text
 * summary. Whatever it composes holds only {@link FeedText} characters, so every accepted
 * release can appear in every feed.
 *
 * <p>The feed HTML is built as a jsoup DOM, so every editor-supplied string goes in as a text
 * node or an attribute value and is escaped by jsoup; the finished fragment still passes the
 * sanitiser, {@link Markup}, which is the one place that decides what markup the API and the
 * feeds may carry.
 *
 * <p>The Newsroom calls it when it writes a release; a read calls it only through
 * {@link Rendering#of} for a release stored without a current rendering. It is a class of its
 * own so that {@link Rendering}, which every read touches, names no jsoup or commonmark type:
 * a read that finds a stored rendering never loads them.
 */
public final class Composer {

  /** Longest generated excerpt, in code points (the API counts lengths in code points). */
  public static final int EXCERPT_LIMIT = 300;
  private static final String ELLIPSIS = "…";

  private Composer() {}

  /** The rendering of {@code in} under the current {@link Rendering#VERSION}. */
  public static Rendering compose(ReleaseInput in) {
    // Each Markdown text is rendered once and used twice: sanitised on its own for the API,
    // and inside the feed document below.
    String bodyMarkup = Markup.toUnsanitisedHtml(in.body());
    String aboutMarkup = in.about() == null ? null : Markup.toUnsanitisedHtml(in.about());
    String bodyHtml = Markup.sanitise(bodyMarkup);
    String aboutHtml = aboutMarkup == null ? null : Markup.sanitise(aboutMarkup);

    Headings headings = Headings.of(in.language());
    Document document = Document.createShell("");
    Element root = document.body();
    if (present(in.subtitle())) {
      root.appendElement("p").appendElement("strong").text(in.subtitle());
    }
    // The Markdown goes in as written; the one sanitiser pass at the end cleans all of it.
    Element body = root.appendElement("div");
    body.append(bodyMarkup);
    // Element.text() leaves out script and style contents: an excerpt holds only visible text.
    // It is text of the unsanitised DOM, with every character reference decoded: cleaned here.
    String summary = present(in.summary()) ? in.summary() : excerpt(FeedText.clean(body.text()));
    if (present(in.location())) {
      dateline(body, in.location());
    }
    if (!in.contacts().isEmpty()) {
      root.appendElement("h2").text(headings.contacts());
      for (Contact contact : in.contacts()) {
        contact(root.appendElement("p"), contact, headings);
      }
    }
    if (!in.links().isEmpty()) {
      root.appendElement("h2").text(headings.links());
      Element list = root.appendElement("ul");
      for (ReleaseInput.Link link : in.links()) {
        list.appendElement("li").appendElement("a").attr("href", link.url())
            .text(present(link.title()) ? link.title() : link.url());
      }
    }
    if (present(in.about())) {
      String issuer = in.organization() != null ? in.organization().name() : null;
      root.appendElement("h2").text(present(issuer) ? headings.about() + " " + issuer : headings.aboutUs());
      root.appendElement("div").append(aboutMarkup);
    }
    return feedSafe(bodyHtml, aboutHtml, Markup.sanitise(document), summary);
  }

  /**
   * The one way out of the composer. The HTML's DOM is already clean ({@link Markup}), and so no
   * reference to a refused character can come out of it either; every string is checked once
   * more here, so that nothing derived, whatever a renderer or sanitiser upgrade changes, can
   * carry a character that would make a feed unreadable (a 500 on every page that holds it).
   * A scan of text that is clean allocates nothing.
   */
  private static Rendering feedSafe(String bodyHtml, String aboutHtml, String feedHtml,
      String feedSummary) {
    return new Rendering(Rendering.VERSION, FeedText.clean(bodyHtml), FeedText.clean(aboutHtml),
        FeedText.clean(feedHtml), FeedText.clean(feedSummary));
  }

  /**
   * The dateline opens the first paragraph ("Darmstadt – Der Bundesminister…"), as in print;
   * a body that starts with something else (a heading, a list) gets it as its own paragraph.
   */
  private static void dateline(Element body, String location) {
    Element first = body.firstElementChild();
    Element paragraph;
    if (first != null && first.nameIs("p")) {
      paragraph = first;
      paragraph.prependText(" – ");
    } else {
      paragraph = new Element("p");
      body.prependChild(paragraph);
    }
    paragraph.prependChild(new Element("strong").text(location));
  }

  private static void contact(Element block, Contact contact, Headings headings) {
    block.appendElement("strong").text(contact.name());
    line(block, null, contact.role());
    line(block, null, contact.organization());
    if (present(contact.address())) {
      for (String part : contact.address().split("\\R")) {
        line(block, null, part);
      }
    }
    line(block, headings.phone(), contact.phone());
    line(block, headings.fax(), contact.fax());
    if (present(contact.email())) {
      block.appendElement("br");
      block.appendElement("a").attr("href", mailto(contact.email())).text(contact.email());
    }
    if (present(contact.url())) {
      block.appendElement("br");
      block.appendElement("a").attr("href", contact.url()).text(contact.url());
    }
  }

  private static void line(Element block, String label, String value) {
    if (present(value)) {
      block.appendElement("br");
      block.appendText(label == null ? value : label + " " + value);
    }
  }

  /** RFC 6068: in an address, {@code %}, {@code ?} and {@code #} would start something else. */
  private static String mailto(String email) {
    return "mailto:" + email.replace("%", "%25").replace("?", "%3F").replace("#", "%23");
  }

  /**
   * Text cut to at most {@link #EXCERPT_LIMIT} code points, at the last word boundary that fits,
   * with an ellipsis when something was cut. Never splits a surrogate pair.
   */
  static String excerpt(String text) {
    String trimmed = text.strip();
    if (trimmed.codePointCount(0, trimmed.length()) <= EXCERPT_LIMIT) {
      return trimmed;
    }
    int end = trimmed.offsetByCodePoints(0, EXCERPT_LIMIT - ELLIPSIS.length());
    int cut = end;
    if (!Character.isWhitespace(trimmed.codePointAt(end))) {
      cut = trimmed.length();
      for (int i = end - 1; i > 0 && cut == trimmed.length(); i--) {
        if (Character.isWhitespace(trimmed.charAt(i))) {
          cut = i;
        }
      }
      if (cut == trimmed.length()) {
        cut = end; // a single word longer than the limit is cut inside the word
      }
    }
    return trimmed.substring(0, cut).stripTrailing() + ELLIPSIS;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Section headings in the release's own language; English where we have no translation. */
  private record Headings(String contacts, String links, String about, String aboutUs,
      String phone, String fax) {

    private static final Headings GERMAN =
        new Headings("Pressekontakt", "Links", "Über", "Über uns", "Tel.", "Fax");
    private static final Headings ENGLISH =
        new Headings("Press contact", "Links", "About", "About us", "Phone", "Fax");

    static Headings of(String language) {
      String primary = language == null ? "" : language.split("-", 2)[0].toLowerCase(Locale.ROOT);
      return List.of("de", "gsw").contains(primary) ? GERMAN : ENGLISH;
    }
  }
}
