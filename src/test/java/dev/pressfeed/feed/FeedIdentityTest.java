package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Fixtures;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class FeedIdentityTest {

  @Test
  void editingTitleAndBodyKeepsEveryFeedIdButMovesUpdated(@TempDir Path dir) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2024-05-02T10:00:00Z"));
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Newsroom newsroom = new Newsroom(store, clock);
      Release first = newsroom.create(Fixtures.input("Erste Fassung", null, List.of("Test"), "de"));
      clock.advance(Duration.ofMinutes(42));
      ReleaseInput in = first.input();
      ReleaseInput edited = new ReleaseInput("Zweite Fassung, neuer Titel", in.subtitle(),
          in.summary(), in.body() + "\n\nEin neuer Absatz.", in.language(), in.status(),
          in.publishAt(), in.location(), in.tags(), in.organization(), in.contacts(), in.links(),
          in.about(), in.attachments());
      Release second = newsroom.revise(first, edited);
      assertThat(newsroom.save(second)).isTrue();
      Release stored = store.find(first.id()).orElseThrow();

      Feeds before = Feeds.of(first);
      Feeds after = Feeds.of(stored);
      assertThat(after.rssGuid).isEqualTo(before.rssGuid).isEqualTo(first.feedId());
      assertThat(after.atomId).isEqualTo(before.atomId).isEqualTo(first.feedId());
      assertThat(after.jsonId).isEqualTo(before.jsonId).isEqualTo(first.feedId());
      assertThat(after.atomUpdated).isNotEqualTo(before.atomUpdated).isEqualTo("2024-05-02T10:42:00Z");
      assertThat(after.jsonModified).isNotEqualTo(before.jsonModified).isEqualTo("2024-05-02T10:42:00Z");
      assertThat(after.atomPublished).isEqualTo(before.atomPublished);
    }
  }

  private record Feeds(String rssGuid, String atomId, String jsonId, String atomUpdated,
      String atomPublished, String jsonModified) {

    static Feeds of(Release release) throws Exception {
      FeedEdition edition = Editions.of(List.of(release));
      Element item = Xml.child(Xml.child(Xml.parse(RssFeed.render(edition)), null, "channel"),
          null, "item");
      Element entry = Xml.child(Xml.parse(AtomFeed.render(edition)), Xml.ATOM, "entry");
      JsonNode json = new ObjectMapper().readTree(JsonFeed.render(edition)).path("items").get(0);
      return new Feeds(Xml.text(item, null, "guid"), Xml.text(entry, Xml.ATOM, "id"),
          json.path("id").asText(), Xml.text(entry, Xml.ATOM, "updated"),
          Xml.text(entry, Xml.ATOM, "published"), json.path("date_modified").asText());
    }
  }
}
