package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.push.Ping;
import dev.pressfeed.push.StandInHub;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notifier function's sample events (an EventBridge schedule, the editor's nudge) each run
 * one round: the queued ping reaches the hub, and the answer says so.
 */
class NotifierHandlerTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Stream<Path> events() throws IOException {
    return Files.list(Path.of("events"))
        .filter(p -> p.getFileName().toString().startsWith(SampleEventsTest.NOTIFIER_EVENTS)).sorted();
  }

  @Test
  void thereIsAScheduleEventAndANudge() throws IOException {
    assertThat(events().map(p -> p.getFileName().toString()))
        .containsExactly("notifier-nudge.json", "notifier-schedule.json");
    JsonNode schedule = JSON.readTree(Path.of("events", "notifier-schedule.json").toFile());
    assertThat(schedule.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(schedule.path("source").asText()).isEqualTo("aws.events");
    assertThat(JSON.readTree(Path.of("events", "notifier-nudge.json").toFile()))
        .isEqualTo(JSON.readTree(NotifierNudge.PAYLOAD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void eachEventSendsTheDuePings(Path file) throws Exception {
    try (StandInHub hub = StandInHub.start(); EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
      Application application = new Application(Config.from(Map.of("WEBSUB_HUB_URL", hub.url(),
          "PUBLIC_BASE_URL", "https://press.example.org")), store, clock);
      store.outbox().enqueue(new Ping("queued", List.of("/feed.atom", "/feed.atom?lang=de"), clock.instant(), 0));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try (InputStream in = Files.newInputStream(file)) {
        new NotifierHandler(application).handleRequest(in, answer, null);
      }
      assertThat(JSON.readTree(answer.toByteArray()).path("sent").asInt()).isEqualTo(1);
      assertThat(hub.posts()).singleElement().satisfies(post -> assertThat(post.urls())
          .containsExactly("https://press.example.org/feed.atom", "https://press.example.org/feed.atom?lang=de"));
      assertThat(store.outbox().next()).isEmpty();
    }
  }

  @Test
  void aHubThatFailsDoesNotFailTheInvocation() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
      Application application = new Application(Config.from(Map.of("WEBSUB_HUB_URL", StandInHub.nowhere(),
          "PUBLIC_BASE_URL", "https://press.example.org")), store, clock);
      store.outbox().enqueue(new Ping("queued", List.of("/feed.rss"), clock.instant(), 0));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try (InputStream in = Files.newInputStream(Path.of("events", "notifier-schedule.json"))) {
        new NotifierHandler(application, Duration.ofSeconds(8)).handleRequest(in, answer, null);
      }
      // A budget of one send: the retry, due in 2 s, is left to a later round.
      assertThat(JSON.readTree(answer.toByteArray()).path("failed").asInt()).isEqualTo(1);
      assertThat(store.outbox().due(clock.instant().plus(Duration.ofMinutes(1)), 10))
          .singleElement().satisfies(p -> assertThat(p.attempt()).isEqualTo(1));
    }
  }
}
