package dev.pressfeed.feed;

import static dev.pressfeed.feed.Xml.child;
import static dev.pressfeed.feed.Xml.children;
import static dev.pressfeed.feed.Xml.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class AtomFeedTest {

  /** RFC 3339 date-time, as Atom requires (section 3.3 of RFC 4287). */
  private static final Pattern RFC_3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private final Release seed = Editions.seed();
  private final FeedEdition edition = Editions.of(List.of(seed));

  @Test
  void feedHasIdTitleUpdatedLinksAndLanguage() {
    Element feed = Xml.parse(AtomFeed.render(edition));
    assertThat(feed.getNamespaceURI()).isEqualTo(Xml.ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertThat(feed.getAttributeNS(Xml.XML, "lang")).isEqualTo("de");
    assertThat(text(feed, Xml.ATOM, "title")).isEqualTo(edition.title());
    assertThat(text(feed, Xml.ATOM, "subtitle")).isEqualTo(edition.description());
    assertThat(date(text(feed, Xml.ATOM, "updated"))).isEqualTo(edition.updated());
    assertThat(link(feed, "self").getAttribute("href")).isEqualTo(edition.selfUrl());
    assertThat(link(feed, "self").getAttribute("type")).isEqualTo("application/atom+xml");
    assertThat(link(feed, "alternate").getAttribute("href")).isEqualTo(edition.siteUrl());
    assertThat(link(feed, "alternate").getAttribute("type")).as("the newsroom page, not JSON")
        .isEqualTo("text/html");
    assertThat(link(feed, "next").getAttribute("href")).isEqualTo(edition.nextUrl().orElseThrow());
  }

  @Test
  void feedIdIsTheSubscriptionUrlTheSameOnEveryPage() {
    String id = text(Xml.parse(AtomFeed.render(edition)), Xml.ATOM, "id");
    assertThat(id).isEqualTo(Editions.BASE + "/feed.atom?tag=Smart%20City&lang=de");
    FeedEdition older = new FeedEdition(edition.title(), edition.publisher(), edition.description(),
        edition.language(), Editions.BASE + "/feed.atom?cursor=older&tag=Smart%20City&lang=de",
        edition.siteUrl(),
        edition.baseUrl(), Optional.empty(), List.of(), Instant.EPOCH);
    Element olderFeed = Xml.parse(AtomFeed.render(older));
    assertThat(text(olderFeed, Xml.ATOM, "id")).isEqualTo(id);
    assertThat(children(olderFeed, Xml.ATOM, "link")).extracting(l -> l.getAttribute("rel"))
        .as("no next link on the last page").doesNotContain("next");
  }

  @Test
  void entryCarriesTheWholeRelease() {
    Element entry = child(Xml.parse(AtomFeed.render(edition)), Xml.ATOM, "entry");
    Rendering content = Rendering.of(seed);
    assertThat(entry.getAttributeNS(Xml.XML, "lang")).isEqualTo("de");
    assertThat(text(entry, Xml.ATOM, "id")).isEqualTo(seed.feedId());
    assertThat(text(entry, Xml.ATOM, "title")).isEqualTo(seed.input().title());
    assertThat(date(text(entry, Xml.ATOM, "published"))).isEqualTo(seed.publishedAt());
    assertThat(date(text(entry, Xml.ATOM, "updated"))).isEqualTo(FeedEdition.changed(seed));
    assertThat(child(entry, Xml.ATOM, "summary").getAttribute("type")).isEqualTo("text");
    assertThat(text(entry, Xml.ATOM, "summary")).isEqualTo(seed.input().summary());
    assertThat(child(entry, Xml.ATOM, "content").getAttribute("type")).isEqualTo("html");
    assertThat(text(entry, Xml.ATOM, "content")).isEqualTo(content.feedHtml());
    Element author = child(entry, Xml.ATOM, "author");
    assertThat(text(author, Xml.ATOM, "name")).isEqualTo("IT FOR WORK e.V.");
    assertThat(text(author, Xml.ATOM, "uri")).isEqualTo("https://www.it-for-work.de");
    assertThat(children(entry, Xml.ATOM, "category")).extracting(c -> c.getAttribute("term"))
        .containsExactlyElementsOf(seed.input().tags());
    assertThat(link(entry, "alternate").getAttribute("href"))
        .isEqualTo(Editions.BASE + "/news/2020-09-14-it-for-work-gratuliert");
    assertThat(link(entry, "alternate").getAttribute("type")).isEqualTo("text/html");
  }

  @Test
  void eachEntryHasItsReleasesLanguageAndAnAuthorEvenWithoutAnOrganisation() {
    Release arabic = Editions.release(Editions.accepted(Editions.rightToLeft()), Editions.T0, "ar");
    Release minimal = Editions.release(Editions.accepted(Editions.minimal()), Editions.T0, "min");
    Element feed = Xml.parse(AtomFeed.render(Editions.of(List.of(arabic, minimal))));
    List<Element> entries = children(feed, Xml.ATOM, "entry");
    assertThat(entries).extracting(e -> e.getAttributeNS(Xml.XML, "lang")).containsExactly("ar", "en");
    Element author = child(entries.get(1), Xml.ATOM, "author");
    assertThat(text(author, Xml.ATOM, "name")).as("the press office, not the filtered feed's title")
        .isEqualTo(Editions.PUBLISHER);
  }

  @Test
  void attachmentsAreEnclosureLinks() {
    Release german = Editions.release(Editions.accepted(Editions.german()), Editions.T0, "german");
    Release astral = Editions.release(Editions.accepted(Editions.astral()), Editions.T0, "astral");
    List<Element> entries = children(Xml.parse(AtomFeed.render(Editions.of(List.of(german, astral)))),
        Xml.ATOM, "entry");
    Element known = link(entries.get(0), "enclosure");
    assertThat(known.getAttribute("href")).isEqualTo("https://verein.example/bild.jpg");
    assertThat(known.getAttribute("type")).isEqualTo("image/jpeg");
    assertThat(known.getAttribute("length")).isEqualTo("123456");
    assertThat(known.getAttribute("title")).isEqualTo("Foto „Straße“");
    Element unknown = link(entries.get(1), "enclosure");
    assertThat(unknown.getAttribute("type")).isEqualTo("application/octet-stream");
    assertThat(unknown.hasAttribute("length")).as("length is optional in Atom").isFalse();
  }

  private static Element link(Element parent, String rel) {
    return children(parent, Xml.ATOM, "link").stream()
        .filter(l -> rel.equals(l.getAttribute("rel"))).findFirst()
        .orElseThrow(() -> new AssertionError("no link rel=" + rel));
  }

  private static Instant date(String text) {
    assertThat(text).matches(RFC_3339);
    return OffsetDateTime.parse(text).toInstant();
  }
}
