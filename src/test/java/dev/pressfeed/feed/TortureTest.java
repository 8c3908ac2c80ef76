package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.fuzz.HtmlVerdict;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.ReleaseRules;
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

  /**
   * Every XSS vector in every text field of a release the rules accept, rendered into every
   * format: the HTML each carries is judged on the trees of two HTML5 parsers, not by search.
   */
  @Test
  void noXssVectorSurvivesIntoAnyFormat() throws Exception {
    List<Release> accepted = new java.util.ArrayList<>();
    for (String v : XssVectors.ALL) {
      ReleaseInput in = input(v, v, v, v, "en", v, List.of(v), new ReleaseInput.Organization(v, null),
          List.of(new ReleaseInput.Contact(v, v, v, null, v, v, v, null)), List.of(new ReleaseInput.Link(v,
              "https://a.example/")), v, List.of(new ReleaseInput.Attachment("https://a.example/f.pdf", v, null, null)));
      ReleaseRules.Outcome outcome = ReleaseRules.check(in);
      if (outcome.isValid()) {
        accepted.add(Editions.release(outcome.input(), Editions.T0.minusSeconds(accepted.size()),
            "2024-03-01-xss-" + accepted.size()));
      }
    }
    assertThat(accepted).as("vectors every text field accepts").hasSizeGreaterThan(XssVectors.ALL.size() / 2);
    FeedEdition xss = Editions.of(accepted);
    List<String> problems = new java.util.ArrayList<>();
    for (Release release : accepted) {
      Rendering rendering = Rendering.of(release);
      for (String html : java.util.Arrays.asList(rendering.bodyHtml(), rendering.aboutHtml(), rendering.feedHtml())) {
        HtmlVerdict.problems(html).forEach(p -> problems.add(release.input().title() + ": " + p));
      }
    }
    Element channel = Xml.child(Xml.parse(RssFeed.render(xss)), null, "channel");
    for (Element item : Xml.children(channel, null, "item")) {
      for (String html : List.of(Xml.text(item, Xml.CONTENT, "encoded"), Xml.text(item, null, "description"))) {
        HtmlVerdict.problems(html).forEach(p -> problems.add("RSS: " + p));
      }
    }
    for (Element entry : Xml.children(Xml.parse(AtomFeed.render(xss)), Xml.ATOM, "entry")) {
      HtmlVerdict.problems(Xml.text(entry, Xml.ATOM, "content")).forEach(p -> problems.add("Atom: " + p));
      assertThat(Xml.child(entry, Xml.ATOM, "title").getAttribute("type")).isIn("", "text");
    }
    for (JsonNode item : new ObjectMapper().readTree(JsonFeed.render(xss)).path("items")) {
      HtmlVerdict.problems(item.path("content_html").asText()).forEach(p -> problems.add("JSON Feed: " + p));
    }
    assertThat(problems).isEmpty();
  }

  private static ReleaseInput input(String title, String subtitle, String summary, String body, String language,
      String location, List<String> tags, ReleaseInput.Organization organization, List<ReleaseInput.Contact> contacts,
      List<ReleaseInput.Link> links, String about, List<ReleaseInput.Attachment> attachments) {
    return Editions.input(title, subtitle, summary, body, language, location, tags, organization, contacts, links,
        about, attachments);
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
