package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fuzzer's own checks: they must find what they look for, and in time on any answer. */
class ReadersTest {

  @Test
  void internalNamesAreFound() {
    for (String leak : new String[] {"at dev.pressfeed.http.Router.route(Router.java:42)", "java.lang.IllegalStateException",
        "x IllegalStateException: y", "NullPointer", "SQLITE_BUSY", "dev.pressfeed.store.embedded.EmbeddedReleaseStore",
        "com.fasterxml.jackson.core.JsonParseException", "Error in Foo.java:3", "\u00e9 IOException"}) {
      assertThat(Readers.internals(leak.getBytes(StandardCharsets.UTF_8))).as(leak).isNotNull();
    }
    for (String fine : new String[] {"Darmstadt press release", "an error occurred", "javascript:alert(1)",
        "Errors", "application/json"}) {
      assertThat(Readers.internals(fine.getBytes(StandardCharsets.UTF_8))).as(fine).isNull();
    }
  }

  @Test
  void aLongRunOfCombiningMarksIsReadInLinearTime() {
    // The run that found this stalled for minutes on an answer echoing 100 000 × U+0301.
    byte[] marks = ("{\"title\":\"" + "\u0301".repeat(100_000) + " IllegalStateException\"}").getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    String found = Readers.internals(marks);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(found).isNotNull();
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }
}
