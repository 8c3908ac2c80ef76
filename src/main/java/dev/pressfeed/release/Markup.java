package dev.pressfeed.release;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * CommonMark to safe HTML: rendered by commonmark-java, then cleaned by jsoup's allow-list
 * sanitiser (no scripts, no event handlers, no {@code javascript:} URLs, whatever raw HTML the
 * Markdown held). The allow-list here decides what markup the API and the feeds may carry.
 * The clean document's text and attribute values then hold only {@link FeedText} characters:
 * character references in the Markdown or in its raw HTML ({@code &#x0B;}, {@code &#xFFFE;})
 * are decoded by the time they reach the DOM, and would otherwise come out as the character
 * itself or as a reference to it, neither of which a feed may carry.
 * Any change to what this class outputs is a new {@link Rendering#VERSION}.
 */
public final class Markup {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();
  private static final Safelist SAFELIST = Safelist.relaxed()
      .addAttributes("a", "rel", "title")
      .preserveRelativeLinks(false);
  private static final Document.OutputSettings OUTPUT =
      new Document.OutputSettings().prettyPrint(false).charset("UTF-8");

  private Markup() {}

  /** Renders and sanitises; {@code null} in, {@code null} out. */
  public static String toSafeHtml(String markdown) {
    if (markdown == null) {
      return null;
    }
    return sanitise(RENDERER.render(PARSER.parse(markdown)));
  }

  /**
   * CommonMark to HTML as written, raw HTML included: only for composing a larger document that
   * then goes through {@link #sanitise(Document)} as a whole.
   */
  public static String toUnsanitisedHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }

  /** Sanitises HTML put together by Pressfeed itself from untrusted parts. */
  public static String sanitise(String html) {
    return sanitise(Jsoup.parseBodyFragment(html, ""));
  }

  /**
   * Sanitises a document built by Pressfeed from untrusted parts and returns its body as HTML:
   * one pass of the same allow-list, without serialising and re-parsing the document first.
   */
  public static String sanitise(Document dirty) {
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    clean.outputSettings(OUTPUT);
    keepFeedText(clean.body());
    return clean.body().html();
  }

  /** Replaces what a feed may not carry in every text node and attribute value below {@code root}. */
  private static void keepFeedText(Element root) {
    root.traverse((node, depth) -> {
      if (node instanceof TextNode text) {
        String kept = FeedText.clean(text.getWholeText());
        if (!kept.equals(text.getWholeText())) {
          text.text(kept);
        }
      } else if (node instanceof DataNode data) {
        String kept = FeedText.clean(data.getWholeData());
        if (!kept.equals(data.getWholeData())) {
          data.setWholeData(kept);
        }
      } else if (node instanceof Element element) {
        for (Attribute attribute : element.attributes()) {
          String kept = FeedText.clean(attribute.getValue());
          if (!kept.equals(attribute.getValue())) {
            attribute.setValue(kept);
          }
        }
      }
    });
  }
}
