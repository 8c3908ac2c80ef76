package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.http.HostileRelease.Attempt;
import dev.pressfeed.http.HostileRelease.Expected;
import dev.pressfeed.release.ReleaseStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The property of issue 12 (must-show 1), on one store: whatever text a release holds, the API
 * either refuses it with a 400 or 422 problem and changes nothing, or accepts it and then every
 * feed (RSS, Atom, JSON Feed), every page of it and every filter that holds it (each of its
 * tags, its language) is well-formed and readable, never a 500.
 *
 * <p>Bodies come from {@link HostileRelease}; each try's seed is printed with a failure, and
 * {@code -Dpressfeed.seed=N} replays a whole run ({@code -Dpressfeed.tries=N} runs longer).
 * After every accepted release the first page of each feed, which it heads, is read in every
 * format; at the end every page of every filter any accepted release has (its tags, its
 * language, none) is walked in every format through the next links: each accepted release is
 * then checked on every page and filter that holds it.
 */
abstract class EveryAcceptedReleaseInEveryFeed {

  /** Small, so that a run makes many pages. */
  static final int FEED_SIZE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An empty store of the kind under test. */
  protected abstract ReleaseStore emptyStore() throws Exception;

  /** How many bodies to try by default on this store. */
  protected abstract int defaultTries();

  @Test
  void everyAcceptedReleaseLeavesEveryFeedPageAndFilterWellFormedAndEveryRefusedOneChangesNothing()
      throws Exception {
    long seed = Long.getLong("pressfeed.seed", new SecureRandom().nextLong());
    int tries = Integer.getInteger("pressfeed.tries", defaultTries());
    Random seeds = new Random(seed);
    PressOffice office = new PressOffice(emptyStore(), FEED_SIZE);
    Set<Map<String, String>> filtersSeen = new LinkedHashSet<>();
    filtersSeen.add(Map.of());
    Map<Expected, Integer> outcomes = new LinkedHashMap<>();
    Set<String> namedFields = new HashSet<>();
    int pages = 0;
    long started = System.nanoTime();
    long postNanos = 0;

    for (int i = 1; i <= tries; i++) {
      long trySeed = seeds.nextLong();
      Attempt attempt = HostileRelease.draw(trySeed);
      String where = "try " + i + " of run seed " + seed + " (HostileRelease.draw(" + trySeed + "L))";
      try {
        String before = office.editorsView();
        long postStart = System.nanoTime();
        Response answer = office.post(attempt.json());
        postNanos += System.nanoTime() - postStart;
        outcomes.merge(attempt.expected(), 1, Integer::sum);
        if (attempt.expected() != Expected.ACCEPTED) {
          JsonNode problem = refused(answer, attempt.expected() == Expected.INVALID ? 422 : 400);
          if (attempt.expected() == Expected.INVALID) {
            assertThat(new HashSet<>(HostileRelease.fieldsOf(problem))).as("fields named")
                .isEqualTo(attempt.refusedFields());
            namedFields.addAll(attempt.refusedFields());
          }
          assertThat(office.editorsView()).as("a refused request changes nothing").isEqualTo(before);
          continue;
        }
        assertThat(answer.status()).as(answer.bodyText()).isEqualTo(201);
        FeedCheck.releaseJson(answer.bodyText(), "the 201 answer");
        JsonNode release = JSON.readTree(answer.bodyText());
        List<String> tags = new ArrayList<>();
        release.path("tags").forEach(t -> tags.add(t.asText()));
        filtersSeen.addAll(PressOffice.filters(tags, release.path("language").asText()));
        // The newest release heads the first page: a poison one shows at once, by its seed.
        for (String feed : PressOffice.FEEDS) {
          Response first = office.get(feed, Map.of());
          assertThat(first.status()).as(feed + ": " + first.bodyText()).isEqualTo(200);
          FeedCheck.wellFormed(feed, first.bodyText(), feed);
          pages++;
        }
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(where + ": " + e.getMessage() + "\nbody: " + attempt.text(), e);
      }
    }
    long walkStarted = System.nanoTime();
    pages += walkEverything(office, filtersSeen);
    long walkMillis = (System.nanoTime() - walkStarted) / 1_000_000;

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("%s: %d tries (run seed %d): %d accepted, %d refused 422 (fields named: %d "
            + "kinds), %d refused 400; %d feed pages checked over %d filters; %d ms (%d ms posting, %d ms walking every page at the end)%n",
        getClass().getSimpleName(), tries, seed, outcomes.getOrDefault(Expected.ACCEPTED, 0),
        outcomes.getOrDefault(Expected.INVALID, 0), namedFields.stream()
            .map(f -> f.replaceAll("\\[\\d+]", "[]")).distinct().count(),
        outcomes.getOrDefault(Expected.MALFORMED, 0), pages, filtersSeen.size(), millis,
        postNanos / 1_000_000, walkMillis);
    assertThat(outcomes.getOrDefault(Expected.ACCEPTED, 0)).as("accepted releases").isGreaterThan(tries / 3);
    assertThat(outcomes.getOrDefault(Expected.INVALID, 0)).as("refused releases").isGreaterThan(tries / 10);
  }

  private static int walkEverything(PressOffice office, Set<Map<String, String>> filters) {
    int pages = 0;
    for (Map<String, String> filter : filters) {
      pages += office.walkAllFormats(filter);
    }
    return pages;
  }

  private static JsonNode refused(Response answer, int status) throws Exception {
    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(status);
    assertThat(answer.headers().get("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.bodyText());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    return problem;
  }
}
