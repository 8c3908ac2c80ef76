package dev.pressfeed.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import org.junit.jupiter.api.Test;

/** What the Newsroom stores with every version: the API's HTML and the feeds' entry content. */
class ComposerTest {

  private final ReleaseInput seed = Fixtures.seedInput();

  @Test
  void theApisBodyAndBoilerplateAreEachRenderedAndSanitisedOnTheirOwn() {
    Rendering rendering = Composer.compose(seed);

    assertThat(rendering.version()).isEqualTo(Rendering.VERSION);
    assertThat(rendering.bodyHtml()).isEqualTo(Markup.toSafeHtml(seed.body()))
        .contains("<blockquote>", "„Modellprojekte Smart Cities“")
        .doesNotContain("Darmstadt</strong> –");
    assertThat(rendering.aboutHtml()).isEqualTo(Markup.toSafeHtml(seed.about()))
        .startsWith("<p>IT FOR WORK vernetzt");
  }

  @Test
  void theFeedContentAddsDatelineContactsLinksAndBoilerplateToTheBody() {
    Rendering rendering = Composer.compose(seed);

    assertThat(rendering.feedHtml())
        .contains("<strong>Darmstadt</strong> – Der Bundesminister", "<h2>Pressekontakt</h2>",
            "mailto:info@it-for-work.de", "<h2>Über IT FOR WORK e.V.</h2>");
    assertThat(rendering.feedSummary()).isEqualTo(seed.summary());
  }

  @Test
  void withoutBoilerplateThereIsNoAboutHtml() {
    ReleaseInput plain = new ReleaseInput("Ohne", null, null, "Nur *Text*.", "de", "published",
        null, null, null, null, null, null, null, null);

    Rendering rendering = Composer.compose(plain);

    assertThat(rendering.aboutHtml()).isNull();
    assertThat(rendering.bodyHtml()).isEqualTo("<p>Nur <em>Text</em>.</p>\n");
    assertThat(rendering.feedHtml()).isEqualTo("<div><p>Nur <em>Text</em>.</p>\n</div>");
    assertThat(rendering.feedSummary()).isEqualTo("Nur Text.");
  }

  @Test
  void scriptsHandlersAndJavascriptLinksNeverReachTheApisHtml() {
    ReleaseInput hostile = new ReleaseInput("Böse", null, null,
        "<script>alert(1)</script>\n\n<a href=\"javascript:alert(2)\" onclick=\"x()\">Link</a>",
        "de", "published", null, null, null, null, null, null,
        "<img src=x onerror=alert(3)> Über uns", null);

    Rendering rendering = Composer.compose(hostile);

    assertThat(rendering.bodyHtml() + rendering.aboutHtml() + rendering.feedHtml())
        .doesNotContain("<script", "javascript:", "onclick", "onerror", "src=x")
        .contains("Link", "Über uns");
  }

  @Test
  void excerptNeverSplitsAnAstralCharacter() {
    String text = "😀".repeat(400);
    String excerpt = Composer.excerpt(text);
    assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(300);
    assertThat(excerpt).isEqualTo("😀".repeat(299) + "…");
    assertThat(Composer.excerpt("short")).isEqualTo("short");
    assertThat(Composer.excerpt("x".repeat(300))).isEqualTo("x".repeat(300));
  }
}
