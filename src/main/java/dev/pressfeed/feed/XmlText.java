package dev.pressfeed.feed;

import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/**
 * A JDOM document as UTF-8 XML text, not pretty-printed and with every text node exactly as
 * given. Rome's own {@code outputString(feed, false)} uses JDOM's compact format, which also
 * collapses and trims whitespace inside text: it would flatten {@code <pre>} blocks and line
 * breaks in the HTML a feed carries. The raw format changes nothing but escaping.
 */
final class XmlText {

  private XmlText() {}

  static String of(Document document) {
    Format format = Format.getRawFormat()
        .setEncoding("UTF-8")
        .setLineSeparator(LineSeparator.UNIX);
    return new XMLOutputter(format).outputString(document);
  }
}
