package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written IMF-fixdate agrees with the JDK's formatter, and reads back, on any instant. */
class HttpDateTest {

  private static final DateTimeFormatter JDK =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  @Test
  void everyInstantFrom1970To9999IsWrittenAsTheJdkWritesItAndReadsBack() {
    SplittableRandom random = new SplittableRandom(20261130);
    long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(i < 400 ? i * 86_399L : random.nextLong(latest + 1));

      String written = Conditional.httpDate(t);

      assertThat(written).as("%s", t).isEqualTo(JDK.format(t)).hasSize(29);
      assertThat(Conditional.parseHttpDate(written, t)).contains(t);
    }
    assertThat(Conditional.httpDate(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
  }
}
