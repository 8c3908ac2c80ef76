package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** What a feed reader sees of a release, the same in every format: its rendering's feed half. */
class FeedContentTest {

  @Test
  void fullHtmlHasSubtitleDatelineBodyContactsLinksAndBoilerplate() {
    Release german = Editions.release(Editions.accepted(Editions.german()), Editions.T0, "german");
    Document html = Jsoup.parseBodyFragment(Rendering.of(german).feedHtml());
    assertThat(html.body().child(0).text()).isEqualTo("Ein Untertitel mit ‚halben‘ Anführungszeichen und ß");
    assertThat(html.selectFirst("div > p").text()).startsWith("Gießen – Die Stadt „Darmstadt“");
    assertThat(html.select("h2").eachText())
        .containsExactly("Pressekontakt", "Links", "Über Verein für Äußerst Große Maße e. V.");
    String contact = html.select("h2 + p").first().text();
    assertThat(contact).contains("Jörg Weiß", "Pressesprecher", "Groß & Söhne", "Hauptstraße 1",
        "64283 Darmstadt", "Tel. +49 6151 12345", "Fax +49 6151 12346");
    assertThat(html.select("a[href=mailto:presse@verein.example]").text()).isEqualTo("presse@verein.example");
    assertThat(html.select("a[href=https://verein.example/kontakt]")).hasSize(1);
    assertThat(html.select("ul a").attr("href")).isEqualTo("https://verein.example/f%C3%B6rderung?a=1&b=2");
    assertThat(html.select("ul a").text()).isEqualTo("Übersicht „Förderung“");
    assertThat(html.select("h2 + div strong").text()).isEqualTo("Verein");
  }

  @Test
  void editorTextIsTextAndMarkupIsSanitised() {
    Release release = Editions.release(Editions.accepted(Editions.markupLooking()), Editions.T0, "m");
    String html = Rendering.of(release).feedHtml();
    Document parsed = Jsoup.parseBodyFragment(html);
    assertThat(parsed.select("script, img, [onclick], [onerror], a[href^=javascript]")).isEmpty();
    assertThat(html).doesNotContain("<script", "<img", "javascript:")
        .as("no event handler attribute in any tag").doesNotContainPattern("<[^>]*\\son[a-z]+=");
    assertThat(parsed.body().child(0).text()).as("subtitle stays text")
        .isEqualTo("<img src=x onerror=alert(1)> ]]>");
    assertThat(parsed.selectFirst("div > p > strong").text()).isEqualTo("<Location> & ]]>");
    assertThat(parsed.select("ul a").text()).isEqualTo("<b>Link</b> & ]]>");
    assertThat(parsed.select("pre code").text()).isEqualTo("<xml> & ]]> in code\n  indented line");
  }

  @Test
  void summaryIsTheEditorsOrAnExcerptOfTheBodyCutAtAWord() {
    assertThat(Rendering.of(Editions.seed()).feedSummary())
        .isEqualTo(Editions.seed().input().summary());
    Release long_ = Editions.release(Editions.accepted(Editions.input("T", null, null,
        "A *first* paragraph.\n\n" + "word ".repeat(200), "en", "Here", null, null, null, null,
        null, null)), Editions.T0, "long");
    String summary = Rendering.of(long_).feedSummary();
    assertThat(summary).startsWith("A first paragraph. word word").endsWith(" word…")
        .doesNotContain("Here", "*", "<");
    assertThat(summary.codePointCount(0, summary.length())).isLessThanOrEqualTo(300);
  }
}
