package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the fuzzer draws: the same seed draws the same requests (so a printed seed repeats a
 * run), and a run's worth of requests holds every kind of method, target, validator, key and
 * body mutation the generators know.
 */
class FuzzDrawTest {

  @Test
  void theSameSeedDrawsTheSameRequests() {
    assertThat(describe(FuzzRun.draw(new Dice(42).split(), 300)))
        .isEqualTo(describe(FuzzRun.draw(new Dice(42).split(), 300)))
        .isNotEqualTo(describe(FuzzRun.draw(new Dice(43).split(), 300)));
  }

  @Test
  void aRunDrawsEveryKindOfRequestAndMutation() {
    Dice run = new Dice(7);
    Set<String> methods = new TreeSet<>();
    Set<Probes.Target> targets = new TreeSet<>();
    Set<Probes.Validator> validators = new TreeSet<>();
    Set<Probes.Key> keys = new TreeSet<>();
    Set<String> mutations = new TreeSet<>();
    Set<String> params = new TreeSet<>();
    Set<String> extra = new TreeSet<>();
    int clean = 0;
    for (int session = 0; session < 100; session++) {
      for (Probes.Plan plan : FuzzRun.draw(run.split(), 300)) {
        methods.add(plan.method());
        targets.add(plan.target());
        validators.add(plan.ifMatch());
        validators.add(plan.ifNoneMatch());
        keys.add(plan.key());
        plan.query().forEach(q -> params.add(q.replaceAll("=.*", "")));
        plan.extra().forEach(h -> extra.add(h.getKey()));
        if (plan.body() != null) {
          if (plan.body().mutations().isEmpty()) {
            clean++;
          }
          for (String m : plan.body().mutations().split("; ")) {
            mutations.add(kind(m));
          }
        }
      }
    }
    assertThat(methods).containsAll(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
        "CONNECT", "get", "FOO", "PROPFIND"));
    assertThat(targets).containsExactlyInAnyOrder(Probes.Target.values());
    assertThat(validators).containsExactlyInAnyOrder(Probes.Validator.values());
    assertThat(keys).containsExactlyInAnyOrder(Probes.Key.values());
    assertThat(params).contains("limit", "cursor", "tag", "lang", "status", "utm_source", "%ZZ");
    assertThat(extra).contains("Host", "X-Forwarded-Host", "Content-Length", "Transfer-Encoding", "X-Long");
    assertThat(mutations).containsAll(List.of("wrong type in", "wrong type in array", "null in array", "missing",
        "unknown field in", "status", "tag of # chars and empty tags", "# entries in", "title of", "subtitle of",
        "summary of", "location of", "about of", "body of", "duplicate key", "invalid UTF-#", "JSON escape",
        "byte order mark", "truncated at", "document", "trailing", "nesting", "body of # bytes"));
    assertThat(clean).as("clean releases, so that feeds get written").isGreaterThan(3000);
  }

  /** A mutation's kind: its name up to what was drawn for it, numbers as # (so UTF-8 is UTF-#). */
  private static String kind(String mutation) {
    String m = mutation.replaceAll("\\d+", "#");
    for (String prefix : List.of("wrong type in array", "null in array", "wrong type in", "missing", "unknown field in",
        "duplicate key", "invalid UTF-#", "JSON escape", "byte order mark", "truncated at", "document", "trailing",
        "nesting", "status", "tag of # chars and empty tags", "# entries in", "body of # bytes")) {
      if (m.startsWith(prefix)) {
        return prefix;
      }
    }
    return m.replaceAll(" of .*", " of");
  }

  private static String describe(List<Probes.Plan> plans) {
    return plans.stream().map(p -> p.method() + " " + p.target() + " " + p.pick() + " " + p.query() + " " + p.auth()
        + " " + p.contentType() + " " + p.ifMatch() + " " + p.ifNoneMatch() + " " + p.ifModifiedSince() + " " + p.key()
        + " " + p.extra() + " " + (p.body() == null ? "-" : p.body().mutations() + Arrays.hashCode(p.body().bytes())))
        .collect(Collectors.joining("\n"));
  }
}
