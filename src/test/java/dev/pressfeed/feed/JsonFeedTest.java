package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFeedTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Release seed = Editions.seed();
  private final FeedEdition edition = Editions.of(List.of(seed));

  @Test
  void feedHasJsonFeed11TopLevelMembers() throws Exception {
    JsonNode feed = JSON.readTree(JsonFeed.render(edition));
    assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.path("title").asText()).isEqualTo(edition.title());
    assertThat(feed.path("home_page_url").asText()).isEqualTo(edition.siteUrl());
    assertThat(feed.path("feed_url").asText())
        .as("the feed's identity: its filters, not this page's cursor")
        .isEqualTo(Editions.BASE + "/feed.atom?tag=Smart%20City&lang=de");
    assertThat(feed.path("description").asText()).isEqualTo(edition.description());
    assertThat(feed.path("language").asText()).isEqualTo("de");
    assertThat(feed.path("next_url").asText()).isEqualTo(edition.nextUrl().orElseThrow());
    assertThat(feed.path("items")).hasSize(1);
  }

  @Test
  void itemCarriesTheWholeRelease() throws Exception {
    JsonNode item = JSON.readTree(JsonFeed.render(edition)).path("items").get(0);
    assertThat(item.path("id").asText()).isEqualTo(seed.feedId());
    assertThat(item.path("url").asText()).isEqualTo(Editions.BASE + "/news/2020-09-14-it-for-work-gratuliert");
    assertThat(item.path("title").asText()).isEqualTo(seed.input().title());
    assertThat(item.path("content_html").asText()).isEqualTo(Rendering.of(seed).feedHtml());
    assertThat(item.path("summary").asText()).isEqualTo(seed.input().summary());
    assertThat(date(item.path("date_published").asText())).isEqualTo(seed.publishedAt());
    assertThat(date(item.path("date_modified").asText())).isEqualTo(FeedEdition.changed(seed));
    assertThat(item.path("tags")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(seed.input().tags());
    assertThat(item.path("language").asText()).isEqualTo("de");
    assertThat(item.path("authors").get(0).path("name").asText()).isEqualTo("IT FOR WORK e.V.");
    assertThat(item.path("authors").get(0).path("url").asText()).isEqualTo("https://www.it-for-work.de");
  }

  @Test
  void attachmentsAlwaysHaveAMimeType() throws Exception {
    Release german = Editions.release(Editions.accepted(Editions.german()), Editions.T0, "german");
    Release astral = Editions.release(Editions.accepted(Editions.astral()), Editions.T0, "astral");
    JsonNode items = JSON.readTree(JsonFeed.render(Editions.of(List.of(german, astral)))).path("items");
    JsonNode known = items.get(0).path("attachments").get(0);
    assertThat(known.path("url").asText()).isEqualTo("https://verein.example/bild.jpg");
    assertThat(known.path("mime_type").asText()).isEqualTo("image/jpeg");
    assertThat(known.path("title").asText()).isEqualTo("Foto „Straße“");
    assertThat(known.path("size_in_bytes").asLong()).isEqualTo(123456L);
    JsonNode unknown = items.get(1).path("attachments").get(0);
    assertThat(unknown.path("mime_type").asText()).isEqualTo("application/octet-stream");
    assertThat(unknown.has("size_in_bytes")).isFalse();
  }

  @Test
  void optionalMembersAreLeftOutNotSentEmpty() throws Exception {
    Release minimal = Editions.release(Editions.accepted(Editions.minimal()), Editions.T0, "min");
    JsonNode item = JSON.readTree(JsonFeed.render(Editions.of(List.of(minimal)))).path("items").get(0);
    assertThat(item.has("tags")).isFalse();
    assertThat(item.has("attachments")).isFalse();
    assertThat(item.path("summary").asText()).isEqualTo("Just a body.");
    assertThat(item.path("authors").get(0).path("name").asText())
        .as("the press office, not the filtered feed's title").isEqualTo(Editions.PUBLISHER);
  }

  private static Instant date(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
