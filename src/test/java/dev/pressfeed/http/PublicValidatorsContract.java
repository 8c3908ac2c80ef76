package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.ReleaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public validators (every feed's and list's {@code ETag} and {@code Last-Modified}) move
 * only when the public view changes — publish, visible edit, retraction, embargo end — over
 * HTTP, on every store. Each store's test supplies a fresh, empty store per test.
 */
abstract class PublicValidatorsContract {

  /** Every public read whose validators come from the feed state, filtered ones included. */
  static final List<String> PUBLIC_READS = List.of("/feed.rss", "/feed.atom", "/feed.json",
      "/releases", "/releases?limit=5", "/feed.atom?tag=Digitalstadt%20Darmstadt", "/feed.rss?lang=de");
  static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

  protected RunningGateway api;

  /** A new store holding nothing, used by one test only. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** Closes what {@link #emptyStore} opened, once the gateway has stopped. */
  protected abstract void closeStore() throws Exception;

  @BeforeEach
  void start() throws Exception {
    api = new RunningGateway(emptyStore());
    assertThat(api.clock.instant()).isEqualTo(START);
    assertThat(api.post(RunningGateway.seedJson()).status()).isEqualTo(201);
    api.clock.advance(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    closeStore();
  }

  /** ETag and Last-Modified of every public read, as a poller last saw them. */
  private Map<String, String> validators() {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String path : PUBLIC_READS) {
      Reply reply = api.get(path);
      assertThat(reply.status()).as(path).isEqualTo(200);
      seen.put(path, reply.header("ETag") + " | " + reply.header("Last-Modified"));
    }
    return seen;
  }

  private void assertEveryReadChangedFrom(Map<String, String> before) {
    Map<String, String> now = validators();
    for (String path : PUBLIC_READS) {
      String[] was = before.get(path).split(" \\| ");
      String[] is = now.get(path).split(" \\| ");
      assertThat(is[0]).as("ETag of " + path).isNotEqualTo(was[0]);
      // Last-Modified has one-second precision: it moves when a second passed since.
      assertThat(is[1]).as("Last-Modified of " + path).isNotEqualTo(was[1]);
    }
  }

  private String created(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private Reply put(String id, String etag, Map<String, Object> changes) {
    Reply reply = api.editor("PUT", "/releases/" + id, RunningGateway.seedWith(changes),
        "If-Match", etag, "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply;
  }

  private String etagOf(String id) {
    return api.editor("GET", "/editor/releases/" + id, null).header("ETag");
  }

  private int maxAge(String path) {
    String cacheControl = api.get(path).header("Cache-Control");
    return Integer.parseInt(cacheControl.substring(cacheControl.indexOf("max-age=") + 8));
  }

  @Test
  void draftsAndScheduledReleasesBeforeTheirTimeMoveNoValidator() {
    Map<String, String> published = validators();
    Instant at = api.clock.instant();

    String draft = created(api.post(RunningGateway.seedWith(Map.of("title", "Entwurf", "status", "draft"))));
    api.clock.advance(Duration.ofSeconds(2));
    put(draft, etagOf(draft), Map.of("title", "Entwurf, überarbeitet", "status", "draft"));
    // Scheduled: one stays, one is rescheduled, one unscheduled (back to draft), one retracted.
    Instant stays = at.plus(Duration.ofMinutes(4));
    String staying = created(api.post(RunningGateway.seedWith(Map.of("title", "Bleibt", "publishAt", stays.toString()))));
    String moving = created(api.post(RunningGateway.seedWith(Map.of("title", "Verschoben",
        "publishAt", at.plus(Duration.ofMinutes(2)).toString()))));
    String unscheduling = created(api.post(RunningGateway.seedWith(Map.of("title", "Zurück",
        "publishAt", at.plus(Duration.ofMinutes(3)).toString()))));
    String retracting = created(api.post(RunningGateway.seedWith(Map.of("title", "Weg",
        "publishAt", at.plus(Duration.ofSeconds(150)).toString()))));
    api.clock.advance(Duration.ofSeconds(2));
    put(staying, etagOf(staying), Map.of("title", "Bleibt, überarbeitet", "publishAt", stays.toString()));
    put(moving, etagOf(moving), Map.of("title", "Verschoben", "publishAt", at.plus(Duration.ofMinutes(7)).toString()));
    put(unscheduling, etagOf(unscheduling), Map.of("title", "Zurück", "status", "draft",
        "publishAt", at.plus(Duration.ofMinutes(3)).toString()));
    assertThat(api.editor("DELETE", "/releases/" + retracting, null, "If-Match", etagOf(retracting)).status())
        .isEqualTo(204);

    assertThat(validators()).isEqualTo(published);
    for (String path : PUBLIC_READS) {
      Reply poll = api.get(path, "If-None-Match", published.get(path).split(" \\| ")[0]);
      assertThat(poll.status()).as(path).isEqualTo(304);
    }
    // Cached no longer than to the embargo that stays (236 s away), not to an old time.
    assertThat(maxAge("/feed.rss")).isEqualTo(236);
    assertThat(maxAge("/releases")).isEqualTo(236);

    // The old times pass (2:00, 2:30, 3:00): nothing became public, nothing moves.
    api.clock.advance(Duration.ofSeconds(190));
    assertThat(validators()).isEqualTo(published);
    assertThat(api.get("/feed.atom").text()).doesNotContain("Verschoben", "Zurück", "Weg", "Bleibt");

    // The embargo that stayed ends: every validator moves, Last-Modified is its end.
    api.clock.advance(Duration.ofSeconds(60));
    assertEveryReadChangedFrom(published);
    for (String path : PUBLIC_READS) {
      assertThat(api.get(path).header("Last-Modified")).as(path).isEqualTo(Conditional.httpDate(stays));
    }
    assertThat(api.get("/feed.atom").text()).contains("Bleibt, überarbeitet");
    assertThat(maxAge("/feed.rss")).as("capped to the rescheduled one's end")
        .isEqualTo((int) Duration.between(api.clock.instant(), at.plus(Duration.ofMinutes(7))).toSeconds());
  }

  @Test
  void publishVisibleEditAndRetractionMoveEveryValidator() {
    Map<String, String> before = validators();
    api.clock.advance(Duration.ofSeconds(2));
    String id = created(api.post(RunningGateway.seedWith(Map.of("title", "Neu veröffentlicht"))));
    assertEveryReadChangedFrom(before);

    before = validators();
    api.clock.advance(Duration.ofSeconds(2));
    put(id, etagOf(id), Map.of("title", "Neu veröffentlicht, korrigiert"));
    assertEveryReadChangedFrom(before);

    before = validators();
    api.clock.advance(Duration.ofSeconds(2));
    assertThat(api.editor("DELETE", "/releases/" + id, null, "If-Match", etagOf(id)).status()).isEqualTo(204);
    assertEveryReadChangedFrom(before);
  }

  @Test
  void aDraftMadePublicOrAScheduledReleasePublishedNowMovesThem() {
    String draft = created(api.post(RunningGateway.seedWith(Map.of("title", "Erst Entwurf", "status", "draft"))));
    Map<String, String> before = validators();
    api.clock.advance(Duration.ofSeconds(2));
    put(draft, etagOf(draft), Map.of("title", "Erst Entwurf, jetzt öffentlich"));
    assertEveryReadChangedFrom(before);

    String scheduled = created(api.post(RunningGateway.seedWith(Map.of("title", "Geplant",
        "publishAt", api.clock.instant().plus(Duration.ofHours(1)).toString()))));
    before = validators();
    api.clock.advance(Duration.ofSeconds(2));
    put(scheduled, etagOf(scheduled), Map.of("title", "Geplant, jetzt", "publishAt",
        api.clock.instant().toString()));
    assertEveryReadChangedFrom(before);
    assertThat(maxAge("/feed.json")).as("no embargo left to wait for").isEqualTo(300);
  }
}
