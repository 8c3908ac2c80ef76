package dev.pressfeed.feed;

import static dev.pressfeed.feed.Xml.child;
import static dev.pressfeed.feed.Xml.children;
import static dev.pressfeed.feed.Xml.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class RssFeedTest {

  private final Release seed = Editions.seed();
  private final FeedEdition edition = Editions.of(List.of(Editions.seed()));

  @Test
  void channelHasEveryElementRss2AndItsSelfLinkNeed() {
    Element rss = Xml.parse(RssFeed.render(edition));
    assertThat(rss.getLocalName()).isEqualTo("rss");
    assertThat(rss.getNamespaceURI()).isNull();
    assertThat(rss.getAttribute("version")).isEqualTo("2.0");
    Element channel = child(rss, null, "channel");
    assertThat(text(channel, null, "title")).isEqualTo(edition.title());
    assertThat(text(channel, null, "link")).isEqualTo(edition.siteUrl());
    assertThat(text(channel, null, "description")).isEqualTo(edition.description());
    assertThat(text(channel, null, "language")).isEqualTo("de");
    assertThat(rfc822(text(channel, null, "lastBuildDate"))).isEqualTo(edition.updated());
    List<Element> links = Xml.children(channel, Xml.ATOM, "link");
    assertThat(links).extracting(l -> l.getAttribute("rel")).containsExactly("self", "next");
    Element self = links.get(0);
    assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
    assertThat(self.getAttribute("href")).isEqualTo(edition.selfUrl());
    // RFC 5005 paging, as in Atom: the archive's next page
    assertThat(links.get(1).getAttribute("href")).isEqualTo(edition.nextUrl().orElseThrow());
  }

  @Test
  void itemCarriesTheWholeRelease() {
    Element item = child(child(Xml.parse(RssFeed.render(edition)), null, "channel"), null, "item");
    Rendering content = Rendering.of(seed);
    assertThat(text(item, null, "title")).isEqualTo(seed.input().title());
    assertThat(text(item, null, "link")).isEqualTo(Editions.BASE + "/news/2020-09-14-it-for-work-gratuliert");
    Element guid = child(item, null, "guid");
    assertThat(guid.getTextContent()).isEqualTo(seed.feedId()).startsWith("urn:uuid:");
    assertThat(guid.getAttribute("isPermaLink")).isEqualTo("false");
    assertThat(rfc822(text(item, null, "pubDate"))).isEqualTo(seed.publishedAt());
    assertThat(text(item, null, "description")).isEqualTo(seed.input().summary());
    assertThat(child(item, null, "description").hasAttributes())
        .as("RSS 2.0 has no attributes on description").isFalse();
    assertThat(text(item, Xml.CONTENT, "encoded")).isEqualTo(content.feedHtml())
        .contains("<strong>Darmstadt</strong> – Der Bundesminister", "Pressekontakt",
            "mailto:info@it-for-work.de", "Smart City Charta", "Über IT FOR WORK e.V.");
    assertThat(children(item, null, "category")).extracting(Element::getTextContent)
        .containsExactlyElementsOf(seed.input().tags());
    assertThat(text(item, Xml.DC, "creator")).isEqualTo("IT FOR WORK e.V.");
    assertThat(text(item, Xml.DC, "language")).isEqualTo("de");
  }

  @Test
  void descriptionIsEscapedByteForByteAsJsoupEscapedIt() {
    // Feeds no longer load jsoup; the summary's HTML escaping must not change a byte for that.
    List<String> differing = new ArrayList<>();
    StringBuilder everything = new StringBuilder();
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      if (Character.getType(codePoint) == Character.SURROGATE) {
        continue;
      }
      String one = Character.toString(codePoint);
      everything.append(one);
      if (!RssFeed.escapeHtml(one).equals(Entities.escape(one))) {
        differing.add(Integer.toHexString(codePoint));
      }
    }
    assertThat(differing).isEmpty();
    String summary = "„Zitat“ & <b>fett</b> it's \"quoted\"\u00A0 &amp; \t\r\n😀 ]]>";
    assertThat(RssFeed.escapeHtml(summary)).isEqualTo(Entities.escape(summary))
        .contains("&amp;amp;", "&lt;b&gt;", "&apos;", "&quot;", "&nbsp;");
    assertThat(RssFeed.escapeHtml(everything.toString())).isEqualTo(Entities.escape(everything.toString()));
  }

  @Test
  void everyAttachmentIsAnEnclosureWithTheAttributesRss2Requires() {
    Release release = Editions.release(Editions.accepted(Editions.astral()), Editions.T0, "astral");
    Element item = child(child(Xml.parse(RssFeed.render(Editions.of(List.of(release)))), null,
        "channel"), null, "item");
    Element enclosure = child(item, null, "enclosure");
    assertThat(enclosure.getAttribute("url")).isEqualTo("https://cdn.example/deck-%F0%9F%9A%80.pdf");
    assertThat(enclosure.getAttribute("length")).as("unknown length").isEqualTo("0");
    assertThat(enclosure.getAttribute("type")).as("unknown type").isEqualTo("application/octet-stream");

    Release german = Editions.release(Editions.accepted(Editions.german()), Editions.T0, "german");
    Element known = child(child(child(Xml.parse(RssFeed.render(Editions.of(List.of(german)))), null,
        "channel"), null, "item"), null, "enclosure");
    assertThat(known.getAttribute("length")).isEqualTo("123456");
    assertThat(known.getAttribute("type")).isEqualTo("image/jpeg");
  }

  @Test
  void outputIsUtf8NotPrettyPrintedWithEachNamespaceDeclaredOnce() {
    String xml = RssFeed.render(edition);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .containsOnlyOnce("xmlns:atom=\"http://www.w3.org/2005/Atom\"")
        .containsOnlyOnce("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
        .containsOnlyOnce("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    assertThat(xml.substring(xml.indexOf('\n') + 1))
        .as("not pretty-printed: no line starts with markup after the declaration")
        .doesNotContainPattern("\n\\s*<");
  }

  @Test
  void summaryThatLooksLikeHtmlIsShownAsTypedByReadersThatRenderDescriptionsAsHtml() {
    Release release = Editions.release(Editions.accepted(Editions.markupLooking()), Editions.T0, "m");
    Element item = child(child(Xml.parse(RssFeed.render(Editions.of(List.of(release)))), null,
        "channel"), null, "item");
    assertThat(text(item, null, "description"))
        .isEqualTo("Summary with &lt;tags&gt; &amp; ]]&gt; and &amp;amp;");
  }

  static Instant rfc822(String date) {
    return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }
}
