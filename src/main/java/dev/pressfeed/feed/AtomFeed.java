package dev.pressfeed.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.impl.Atom10Generator;
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
 * Atom 1.0 (RFC 4287) through Rome's Atom wire model, with RFC 5005 paging.
 *
 * <p>The feed's {@code id} is its {@linkplain Subscription subscription URL}: the same for every
 * page and every request of one feed (filters included, paging left out). A {@code tag:} URI
 * would need a date on which the organisation held the domain, which Pressfeed does not know;
 * the URL is a valid IRI the deployment owns. Set {@code PUBLIC_BASE_URL} so that it does not
 * follow the host a request came to. Entries carry their release's permanent {@code urn:uuid:}.
 *
 * <p>Rome 2.1.0's Atom generator writes no {@code xml:lang} at all (its {@code Entry} has no
 * language, and it ignores {@link Feed#setLanguage}); the generated JDOM document gets the
 * attributes before it is written, the feed's on {@code <feed>} and each release's on its
 * {@code <entry>}, which holds in order one entry per release.
 */
public final class AtomFeed {

  public static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";
  private static final String ATOM_TYPE = "application/atom+xml";
  private static final String HTML_TYPE = "text/html";

  private AtomFeed() {}

  public static String render(FeedEdition edition) {
    Feed feed = new Feed("atom_1.0");
    feed.setId(Subscription.url(edition.selfUrl()));
    feed.setTitle(edition.title());
    feed.setSubtitle(text(Content.TEXT, edition.description()));
    feed.setUpdated(Date.from(edition.updated()));
    List<Link> links = new ArrayList<>();
    links.add(link("self", edition.selfUrl(), ATOM_TYPE));
    // WebSub (W3C): where a subscriber subscribes to this feed's topic, the self URL.
    edition.hubUrl().ifPresent(hub -> links.add(link("hub", hub, null)));
    edition.nextUrl().ifPresent(next -> links.add(link("next", next, ATOM_TYPE)));
    feed.setOtherLinks(links);
    // The newsroom page the feed mirrors, for people: a reader's "visit website" opens HTML.
    feed.setAlternateLinks(List.of(link("alternate", edition.siteUrl(), HTML_TYPE)));
    List<Entry> entries = new ArrayList<>();
    for (Release release : edition.entries()) {
      entries.add(entry(edition, release));
    }
    feed.setEntries(entries);
    try {
      Document document = Generator.INSTANCE.generate(feed);
      Element root = document.getRootElement();
      root.setAttribute("lang", edition.language(), Namespace.XML_NAMESPACE);
      List<Element> written = root.getChildren("entry", root.getNamespace());
      for (int i = 0; i < written.size(); i++) {
        written.get(i).setAttribute("lang", edition.entries().get(i).input().language(),
            Namespace.XML_NAMESPACE);
      }
      addTombstones(root, edition.tombstones());
      return XmlText.of(document);
    } catch (FeedException e) {
      throw new IllegalStateException("Atom could not be written", e);
    }
  }

  /**
   * RFC 6721 tombstones after the feed's own elements, before the first entry: RFC 4287 puts a
   * feed's extension elements among its metadata, and the entries last. Their attributes hold
   * only a {@code urn:uuid:} and a time the server made, never a release's text.
   */
  private static void addTombstones(Element root, List<Tombstone> tombstones) {
    if (tombstones.isEmpty()) {
      return;
    }
    root.addNamespaceDeclaration(Tombstones.NAMESPACE);
    Element firstEntry = root.getChild("entry", root.getNamespace());
    int at = firstEntry == null ? root.getContentSize() : root.indexOf(firstEntry);
    for (Tombstone tombstone : tombstones) {
      Element deleted = new Element("deleted-entry", Tombstones.NAMESPACE);
      deleted.setAttribute("ref", tombstone.ref());
      // RFC 3339 (an xsd:dateTime), to the millisecond the stores keep.
      deleted.setAttribute("when", tombstone.when().toString());
      root.addContent(at++, deleted);
    }
  }

  private static Entry entry(FeedEdition edition, Release release) {
    ReleaseInput in = release.input();
    Rendering rendering = Rendering.of(release);
    Entry entry = new Entry();
    entry.setId(release.feedId());
    entry.setTitleEx(text(Content.TEXT, in.title()));
    entry.setPublished(Date.from(release.publishedAt()));
    entry.setUpdated(Date.from(FeedEdition.changed(release)));
    entry.setSummary(text(Content.TEXT, rendering.feedSummary()));
    entry.setContents(List.of(text(Content.HTML, rendering.feedHtml())));
    entry.setAuthors(List.of(author(edition, in)));
    List<Category> categories = new ArrayList<>();
    for (String tag : in.tags()) {
      Category category = new Category();
      category.setTerm(tag);
      categories.add(category);
    }
    entry.setCategories(categories);
    entry.setAlternateLinks(List.of(link("alternate", edition.permalink(release), HTML_TYPE)));
    List<Link> enclosures = new ArrayList<>();
    for (ReleaseInput.Attachment attachment : in.attachments()) {
      Link enclosure = link("enclosure", attachment.url(),
          attachment.mediaType() == null ? RssFeed.UNKNOWN_MEDIA_TYPE : attachment.mediaType());
      if (attachment.title() != null) {
        enclosure.setTitle(attachment.title());
      }
      if (attachment.length() != null) {
        enclosure.setLength(attachment.length()); // Rome leaves out 0: length is optional in Atom
      }
      enclosures.add(enclosure);
    }
    entry.setOtherLinks(enclosures);
    return entry;
  }

  /** The issuing organisation; without one, the feed itself (Atom requires an author). */
  private static SyndPerson author(FeedEdition edition, ReleaseInput in) {
    Person person = new Person();
    if (in.organization() != null) {
      person.setName(in.organization().name());
      person.setUri(in.organization().url());
    } else {
      person.setName(edition.publisher());
      person.setUri(edition.baseUrl());
    }
    return person;
  }

  private static Content text(String type, String value) {
    Content content = new Content();
    content.setType(type);
    content.setValue(value);
    return content;
  }

  private static Link link(String rel, String href, String type) {
    Link link = new Link();
    link.setRel(rel);
    link.setHref(href);
    if (type != null) {
      link.setType(type);
    }
    return link;
  }

  /** RFC 6721's namespace, with the prefix its examples use; built at the first tombstone. */
  private static final class Tombstones {
    static final Namespace NAMESPACE =
        Namespace.getNamespace("at", "http://purl.org/atompub/tombstones/1.0");
  }

  /** One generator per container; see {@link RssFeed} for why not {@code WireFeedOutput}. */
  private static final class Generator {
    static final Atom10Generator INSTANCE = new Atom10Generator();
  }
}
