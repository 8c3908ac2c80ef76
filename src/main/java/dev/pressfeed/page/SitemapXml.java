package dev.pressfeed.page;

import dev.pressfeed.release.FeedText;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Sitemaps (sitemaps.org 0.9) with Google News entries, and sitemap indexes, written with the
 * JDK's StAX writer: every value goes through the writer's escaping, never into a string.
 *
 * <p>Text is first cleaned to what XML can carry ({@link FeedText#clean}): the JDK's writer
 * copies a control character as it is and pairs a lone surrogate with whatever follows it,
 * neither of which a parser reads. Stored text never holds one (SPEC §2); the sitemap stays
 * well-formed even if some did. A carriage return is written as a character reference, since
 * a parser reads a raw one as a line feed (XML 1.0 §2.11).
 *
 * <p>Nothing is indented and each {@code <url>} comes out the same wherever it stands, so
 * {@link #sizes} can tell, from one pass, how parts of a given size in bytes are cut.
 */
final class SitemapXml {

  static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
  static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";

  /**
   * A Google News entry.
   *
   * @param language the primary language subtag, as Google News wants it ({@code de})
   */
  record News(String publication, String language, Instant publishedAt, String title) {}

  /**
   * One {@code <url>}.
   *
   * @param lastModified {@code null} for none
   * @param news         {@code null} unless Google News should list it
   */
  record Url(String loc, Instant lastModified, News news) {}

  /** One {@code <sitemap>} of an index. */
  record Part(String loc, Instant lastModified) {}

  /**
   * What a urlset of some {@code <url>}s weighs: {@code frame} bytes (declaration, root element)
   * plus the bytes of each of its urls, {@code urls[i]} for the {@code i}-th.
   */
  record Sizes(int frame, int[] urls) {}

  private SitemapXml() {}

  static byte[] urlset(List<Url> urls) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * urls.size());
    write(out, w -> {
      openUrlset(w);
      for (Url url : urls) {
        url(w, url);
      }
      close(w);
    });
    return out.toByteArray();
  }

  /** The sizes {@link #urlset} would give, each url alone, without keeping the bytes. */
  static Sizes sizes(List<Url> urls) {
    Counter out = new Counter();
    int[] sizes = new int[urls.size()];
    int[] frame = new int[1];
    write(out, w -> {
      openUrlset(w);
      w.flush();
      frame[0] = (int) out.count;
      for (int i = 0; i < urls.size(); i++) {
        long before = out.count;
        url(w, urls.get(i));
        w.flush();
        sizes[i] = (int) (out.count - before);
      }
      long before = out.count;
      close(w);
      w.flush();
      frame[0] += (int) (out.count - before);
    });
    return new Sizes(frame[0], sizes);
  }

  static byte[] index(List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 120 * parts.size());
    write(out, w -> {
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("", "sitemapindex", SITEMAP);
      w.writeDefaultNamespace(SITEMAP);
      for (Part part : parts) {
        w.writeStartElement("", "sitemap", SITEMAP);
        element(w, "", "loc", SITEMAP, part.loc());
        if (part.lastModified() != null) {
          element(w, "", "lastmod", SITEMAP, w3c(part.lastModified()));
        }
        w.writeEndElement();
      }
      close(w);
    });
    return out.toByteArray();
  }

  /** W3C Datetime in UTC to the second ({@code 2026-11-26T09:00:00Z}), as both schemas take it. */
  static String w3c(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void openUrlset(XMLStreamWriter w) throws XMLStreamException {
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("", "urlset", SITEMAP);
    w.writeDefaultNamespace(SITEMAP);
    w.writeNamespace("news", NEWS);
    w.writeCharacters(""); // closes the start tag now, so the frame is measured whole
  }

  private static void url(XMLStreamWriter w, Url url) throws XMLStreamException {
    w.writeStartElement("", "url", SITEMAP);
    element(w, "", "loc", SITEMAP, url.loc());
    if (url.lastModified() != null) {
      element(w, "", "lastmod", SITEMAP, w3c(url.lastModified()));
    }
    News news = url.news();
    if (news != null) {
      w.writeStartElement("news", "news", NEWS);
      w.writeStartElement("news", "publication", NEWS);
      element(w, "news", "name", NEWS, news.publication());
      element(w, "news", "language", NEWS, news.language());
      w.writeEndElement();
      element(w, "news", "publication_date", NEWS, w3c(news.publishedAt()));
      element(w, "news", "title", NEWS, news.title());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void close(XMLStreamWriter w) throws XMLStreamException {
    w.writeEndElement();
    w.writeEndDocument();
  }

  private static void element(XMLStreamWriter w, String prefix, String name, String namespace,
      String text) throws XMLStreamException {
    w.writeStartElement(prefix, name, namespace);
    String clean = FeedText.clean(text);
    int from = 0;
    for (int cr = clean.indexOf('\r'); cr >= 0; cr = clean.indexOf('\r', from)) {
      w.writeCharacters(clean.substring(from, cr));
      w.writeEntityRef("#xD");
      from = cr + 1;
    }
    w.writeCharacters(clean.substring(from));
    w.writeEndElement();
  }

  private interface Writing {
    void to(XMLStreamWriter w) throws XMLStreamException;
  }

  private static void write(OutputStream out, Writing writing) {
    try {
      // The JDK's own factory, not a lookup through system properties and the class path.
      XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      writing.to(w);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a sitemap to memory failed", e);
    }
  }

  /** An output that only counts what it is given. */
  private static final class Counter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
