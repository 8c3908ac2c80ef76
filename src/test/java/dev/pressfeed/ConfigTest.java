package dev.pressfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings every feed carries are checked when read: a bad one stops start-up, naming it. */
class ConfigTest {

  @Test
  void aFeedTitleOrDescriptionAFeedCannotCarryStopsStartUpNamingTheSetting() {
    // Before: accepted, and every feed answered 500 (JDOM refuses U+000B at output time).
    assertThatThrownBy(() -> Config.from(Map.of("FEED_TITLE", "Presse\u000Bmitteilungen")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("FEED_TITLE ");
    assertThatThrownBy(() -> Config.from(Map.of("FEED_DESCRIPTION", "Neues \uFFFF")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("FEED_DESCRIPTION ");
    assertThatThrownBy(() -> Config.from(Map.of("FEED_LANGUAGE", "not a tag")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("FEED_LANGUAGE ");
  }

  @Test
  void feedSettingsInAnyScriptAreTakenAsGiven() {
    Config config = Config.from(Map.of("FEED_TITLE", "Pressemitteilungen – IT FOR WORK 😀",
        "FEED_DESCRIPTION", "Neuigkeiten\taus Darmstadt", "FEED_LANGUAGE", "de-DE"));

    assertThat(config.feedTitle()).isEqualTo("Pressemitteilungen – IT FOR WORK 😀");
    assertThat(config.feedDescription()).isEqualTo("Neuigkeiten\taus Darmstadt");
    assertThat(config.feedLanguage()).isEqualTo("de-DE");
    assertThat(Config.from(Map.of()).feedLanguage()).isEqualTo("en");
  }

  @Test
  void responseCompressionIsGzipUnlessOffAndNothingElse() {
    assertThat(Config.from(Map.of()).responseCompression()).isEqualTo(Config.ResponseCompression.GZIP);
    assertThat(Config.from(Map.of("RESPONSE_COMPRESSION", "gzip")).responseCompression())
        .isEqualTo(Config.ResponseCompression.GZIP);
    assertThat(Config.from(Map.of("RESPONSE_COMPRESSION", "cdn")).responseCompression())
        .isEqualTo(Config.ResponseCompression.CDN);
    assertThat(Config.from(Map.of("RESPONSE_COMPRESSION", " OFF ")).responseCompression())
        .isEqualTo(Config.ResponseCompression.OFF);
    assertThatThrownBy(() -> Config.from(Map.of("RESPONSE_COMPRESSION", "br")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RESPONSE_COMPRESSION must be gzip, cdn or off");
  }

  @Test
  void websubHubUrlIsAnAbsoluteHttpUrlOfPrintableAsciiOrNothing() {
    assertThat(Config.from(Map.of()).websubHubUrl()).isEmpty();
    assertThat(Config.from(Map.of("WEBSUB_HUB_URL", " https://pubsubhubbub.appspot.com/ ")).websubHubUrl())
        .contains("https://pubsubhubbub.appspot.com/");
    for (String bad : List.of("pubsubhubbub.appspot.com", "javascript:alert(1)", "ftp://hub.example.org/",
        "https://hub.example.org/a b", "https://hub.example.org/\"x", "https://hub.example.org/>",
        "https://hub.example.org/\u00e4", "https://hub.example.org/\u0007")) {
      assertThatThrownBy(() -> Config.from(Map.of("WEBSUB_HUB_URL", bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessage("WEBSUB_HUB_URL must be an absolute http(s) URL");
    }
  }
}
