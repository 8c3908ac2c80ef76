package dev.pressfeed.feed;

import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.impl.RSS20Generator;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 through Rome's RSS wire model.
 *
 * <p>Extensions: {@code content:encoded} is written by Rome's own RSS 2.0 generator from
 * {@link Item#setContent}; {@code dc:creator} and {@code dc:language} come from the Dublin Core
 * module in Rome's core; {@code atom:link rel="self"} is one foreign element on the channel. So
 * {@code rome-modules} (whose {@code rome.properties} would register some 30 generators and
 * declare their namespaces in every feed) is not needed.
 */
public final class RssFeed {

  public static final String MEDIA_TYPE = "application/rss+xml; charset=utf-8";
  static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
  static final String UNKNOWN_MEDIA_TYPE = "application/octet-stream";

  private RssFeed() {}

  public static String render(FeedEdition edition) {
    Channel channel = new Channel("rss_2.0");
    channel.setTitle(edition.title());
    channel.setLink(edition.siteUrl());
    channel.setDescription(edition.description());
    channel.setLanguage(edition.language());
    channel.setLastBuildDate(Date.from(edition.updated()));
    List<Element> links = new ArrayList<>();
    links.add(link("self", edition.selfUrl()));
    // WebSub (W3C): where a subscriber subscribes to this feed's topic, the self URL.
    edition.hubUrl().ifPresent(hub -> links.add(hubLink(hub)));
    // RFC 5005 paging, as in the Atom feed: older entries, or the rest of a page that a size
    // limit cut short (see FeedApi.MAX_BODY_BYTES).
    edition.nextUrl().ifPresent(next -> links.add(link("next", next)));
    channel.setForeignMarkup(links);
    List<Item> items = new ArrayList<>();
    for (Release release : edition.entries()) {
      items.add(item(edition, release));
    }
    channel.setItems(items);
    try {
      Document document = Generator.INSTANCE.generate(channel);
      // Declared once on <rss> rather than on the atom:link element itself.
      document.getRootElement().addNamespaceDeclaration(ATOM);
      return XmlText.of(document);
    } catch (FeedException e) {
      throw new IllegalStateException("RSS could not be written", e);
    }
  }

  private static Item item(FeedEdition edition, Release release) {
    ReleaseInput in = release.input();
    Rendering rendering = Rendering.of(release);
    Item item = new Item();
    item.setTitle(in.title());
    item.setLink(edition.permalink(release));
    Guid guid = new Guid();
    guid.setPermaLink(false);
    guid.setValue(release.feedId());
    item.setGuid(guid);
    item.setPubDate(Date.from(release.publishedAt()));

    // Readers render an RSS description as HTML (RSS Best Practices Profile): the plain-text
    // summary is escaped once more so that "<" or "&" in it show as typed. No type attribute:
    // RSS 2.0 has none on description.
    Description description = new Description();
    description.setValue(escapeHtml(rendering.feedSummary()));
    item.setDescription(description);

    Content encoded = new Content();
    encoded.setType(Content.HTML);
    encoded.setValue(rendering.feedHtml());
    item.setContent(encoded);

    List<Category> categories = new ArrayList<>();
    for (String tag : in.tags()) {
      Category category = new Category();
      category.setValue(tag);
      categories.add(category);
    }
    item.setCategories(categories);

    List<Enclosure> enclosures = new ArrayList<>();
    for (ReleaseInput.Attachment attachment : in.attachments()) {
      Enclosure enclosure = new Enclosure();
      enclosure.setUrl(attachment.url());
      // RSS 2.0 requires both attributes; 0 is the customary "length unknown".
      enclosure.setLength(attachment.length() == null ? 0 : attachment.length());
      enclosure.setType(attachment.mediaType() == null ? UNKNOWN_MEDIA_TYPE : attachment.mediaType());
      enclosures.add(enclosure);
    }
    item.setEnclosures(enclosures);

    // RSS 2.0 has no per-item language and its <author> must be an e-mail address: Dublin Core
    // carries both.
    DCModuleImpl dc = new DCModuleImpl();
    if (in.organization() != null) {
      dc.setCreator(in.organization().name());
    }
    dc.setLanguage(in.language());
    List<Module> modules = new ArrayList<>();
    modules.add(dc);
    item.setModules(modules);
    return item;
  }

  /**
   * Plain text as HTML text, escaped exactly as jsoup's {@code Entities.escape} did when the feed
   * path still loaded jsoup (a test holds the two equal), so descriptions stay byte for byte the
   * same: markup characters and both quotes as named references, the no-break space as
   * {@code &nbsp;}, and the C0 controls other than tab, line feed and carriage return as numeric
   * references.
   */
  static String escapeHtml(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&apos;";
        case '\u00A0' -> "&nbsp;";
        default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r'
            ? "&#x" + Integer.toHexString(c) + ";"
            : null;
      };
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static Element hubLink(String href) {
    return new Element("link", ATOM).setAttribute("href", href).setAttribute("rel", "hub");
  }

  private static Element link(String rel, String href) {
    return new Element("link", ATOM)
        .setAttribute("href", href)
        .setAttribute("rel", rel)
        .setAttribute("type", "application/rss+xml");
  }

  /**
   * One generator for the life of the container. Built directly rather than through
   * {@code WireFeedOutput}, which would instantiate every registered feed generator (a dozen,
   * each with its module registries) on first use; this one reads only Rome's core
   * {@code rome.properties} entries for {@code rss_2.0} (the Dublin Core generator). Generators
   * keep no per-feed state, so sharing one is safe.
   */
  private static final class Generator {
    static final RSS20Generator INSTANCE = new RSS20Generator();
  }
}
