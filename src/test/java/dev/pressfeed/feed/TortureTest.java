package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Every release the API accepts stays well-formed and intact in every format. */
class TortureTest {

  private final List<Release> releases = Editions.tortureSet();
  private final FeedEdition edition = Editions.of(releases);

  @Test
  void rssIsWellFormedAndKeepsEveryTitleAndContentIntact() {
    Element channel = Xml.child(Xml.parse(RssFeed.render(edition)), null, "channel");
    List<Element> items = Xml.children(channel, null, "item");
    assertThat(items).hasSize(releases.size());
    for (int i = 0; i < items.size(); i++) {
      Release release = releases.get(i);
      assertThat(Xml.text(items.get(i), null, "title")).isEqualTo(release.input().title());
      assertThat(Xml.text(items.get(i), Xml.CONTENT, "encoded"))
          .isEqualTo(Rendering.of(release).feedHtml());
      assertThat(Xml.children(items.get(i), null, "category")).hasSize(release.input().tags().size());
    }
  }

  @Test
  void atomIsWellFormedAndKeepsEveryTitleAndContentIntact() {
    List<Element> entries = Xml.children(Xml.parse(AtomFeed.render(edition)), Xml.ATOM, "entry");
    assertThat(entries).hasSize(releases.size());
    for (int i = 0; i < entries.size(); i++) {
      Release release = releases.get(i);
      assertThat(Xml.text(entries.get(i), Xml.ATOM, "title")).isEqualTo(release.input().title());
      assertThat(Xml.text(entries.get(i), Xml.ATOM, "content"))
          .isEqualTo(Rendering.of(release).feedHtml());
      assertThat(Xml.text(entries.get(i), Xml.ATOM, "summary"))
          .isEqualTo(Rendering.of(release).feedSummary());
    }
  }

  @Test
  void jsonFeedParsesAndKeepsEveryTitleAndContentIntact() throws Exception {
    JsonNode items = new ObjectMapper().readTree(JsonFeed.render(edition)).path("items");
    assertThat(items).hasSize(releases.size());
    for (int i = 0; i < items.size(); i++) {
      Release release = releases.get(i);
      assertThat(items.get(i).path("title").asText()).isEqualTo(release.input().title());
      assertThat(items.get(i).path("content_html").asText())
          .isEqualTo(Rendering.of(release).feedHtml());
      assertThat(items.get(i).path("tags")).hasSize(release.input().tags().size());
    }
  }

  @Test
  void anEmptyFeedIsStillValid() throws Exception {
    FeedEdition empty = Editions.of(List.of());
    assertThat(Xml.children(Xml.child(Xml.parse(RssFeed.render(empty)), null, "channel"), null,
        "item")).isEmpty();
    assertThat(Xml.text(Xml.parse(AtomFeed.render(empty)), Xml.ATOM, "updated"))
        .isEqualTo("1970-01-01T00:00:00Z");
    assertThat(new ObjectMapper().readTree(JsonFeed.render(empty)).path("items")).isEmpty();
  }
}
