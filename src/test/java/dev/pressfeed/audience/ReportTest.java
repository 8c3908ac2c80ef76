package dev.pressfeed.audience;

import static dev.pressfeed.audience.Agents.FEEDBIN;
import static dev.pressfeed.audience.Agents.FEEDLY;
import static dev.pressfeed.audience.Agents.INOREADER;
import static dev.pressfeed.audience.Agents.NEWSBLUR;
import static dev.pressfeed.audience.Agents.OLD_READER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §11: what a feed fetch's User-Agent reports, and what it is not believed to report. */
class ReportTest {

  @Test
  void theFiveRealAgentsReportTheirServiceTheirCountAndTheirFeedId() {
    assertThat(Report.parse(FEEDLY)).contains(new Report("Feedly", "", 16));
    assertThat(Report.parse(INOREADER)).contains(new Report("Inoreader", "", 42));
    assertThat(Report.parse(NEWSBLUR)).contains(new Report("NewsBlur", "1234", 5));
    assertThat(Report.parse(FEEDBIN)).contains(new Report("Feedbin", "1234", 7));
    // "…" is SPEC's ellipsis, not an id; a real one is hexadecimal.
    assertThat(Report.parse(OLD_READER)).contains(new Report("The Old Reader", "", 3));
    assertThat(Report.parse("Mozilla/5.0 (compatible; theoldreader.com; 3 subscribers; feed-id=5e1a9c2b0f3d4e5f6a7b8c9d)"))
        .contains(new Report("The Old Reader", "5e1a9c2b0f3d4e5f6a7b8c9d", 3));
  }

  @Test
  void anUnknownAggregatorIsNamedByItsFirstProductAndMayCountReaders() {
    assertThat(Report.parse("Miniflux/2.0.51 (+https://miniflux.app; 12 readers)"))
        .contains(new Report("Miniflux", "", 12));
    assertThat(Report.parse("FeedFetcher-Example/3 (1 subscriber)")).contains(new Report("FeedFetcher-Example", "", 1));
    assertThat(Report.parse("Tiny Tiny RSS/23.04 (0 Subscribers)")).contains(new Report("Tiny", "", 0));
    // "Mozilla (compatible; X …)" is X: otherwise every such bot would be one "Mozilla".
    assertThat(Report.parse("Mozilla/5.0 (compatible; Bloglovin/1.0; 8 readers)")).contains(new Report("Bloglovin", "", 8));
    assertThat(Report.parse("Mozilla/5.0 (Windows NT 10.0) 8 readers")).contains(new Report("Mozilla", "", 8));
    assertThat(Report.parse("Fëëd\u0007Bot\u0000/1 (9 subscribers)")).contains(new Report("FdBot", "", 9));
    assertThat(Report.parse("\u00e9\u00e9\u00e9 9 subscribers")).contains(new Report(Report.UNNAMED, "", 9));
    assertThat(Report.parse("X".repeat(300) + " 4 readers").orElseThrow().reader()).hasSize(Report.MAX_NAME);
    // The same number twice is one count.
    assertThat(Report.parse("Bot/1 (4 subscribers; 4 readers)")).contains(new Report("Bot", "", 4));
  }

  @Test
  void countsThatAreNotWholeNumbersFromZeroToTenMillionAreIgnored() {
    assertThat(Report.parse("Bot/1 (10000000 subscribers)")).contains(new Report("Bot", "", 10_000_000));
    for (String agent : List.of(
        "Bot/1 (10000001 subscribers)",
        "Bot/1 (99999999999999999999999999 subscribers)",
        "Bot/1 (" + "9".repeat(400) + " subscribers)",
        "Bot/1 (-5 subscribers)",
        "Bot/1 (+5 subscribers)",
        "Bot/1 (1.5 subscribers)",
        "Bot/1 (1e9 subscribers)",
        "Bot/1 (10 000 subscribers)",
        "Bot/1 (1,000 subscribers)",
        "Bot/1 (0x10 subscribers)",
        "Bot/1 (\u0665 subscribers)", // Arabic-Indic five
        "Bot/1 (\uff15 subscribers)", // full-width five
        "Bot/1 (5 subscribers; 6 readers)", // clauses that disagree
        "Bot/1 (5 subscribers; 10000001 readers)",
        "Bot/1 (5 subscriberships)",
        "Bot/1 (five subscribers)",
        "Bot/1 (subscribers: 5)",
        "Feedly/1.0",
        "",
        "\u0000\u0001\u001f\u007f")) {
      assertThat(Report.parse(agent)).as(agent).isEmpty();
    }
    assertThat(Report.parse(null)).isEmpty();
  }

  @Test
  void hostileAgentsCostBoundedLinearWorkAndNeverThrow() {
    List<String> hostile = List.of(
        "Bot/1 " + "1 ".repeat(5_000) + "subscribers",
        "9".repeat(10_000),
        "1 subscriber".repeat(1_000),
        "Bot/1 (" + "1 ".repeat(200) + "5 subscribers)",
        " ".repeat(10_000) + "5 subscribers",
        "feed-id:".repeat(2_000),
        "(compatible;".repeat(1_000),
        "a".repeat(9_990) + " 5 readers",
        "\u0000".repeat(10_000),
        "\ud800".repeat(10_000));
    long start = System.nanoTime();
    for (int round = 0; round < 1_000; round++) {
      for (String agent : hostile) {
        Report.parse(agent);
      }
    }
    long perAgentMicros = (System.nanoTime() - start) / 1_000 / (1_000L * hostile.size());
    // 10 000 parses of 10 000-character agents: each reads at most MAX_AGENT characters.
    assertThat(perAgentMicros).as("µs per hostile agent").isLessThan(200);
    // A clause past the first MAX_AGENT characters is not read at all.
    assertThat(Report.parse(" ".repeat(10_000) + "5 subscribers")).isEmpty();
    assertThat(Report.parse("Bot/1 (5 subscribers)" + "x".repeat(10_000))).contains(new Report("Bot", "", 5));
    assertThat(Report.parse("Feedbin feed-id:" + "1".repeat(100) + " - 7 subscribers"))
        .as("an over-long feed id is no id").contains(new Report("Feedbin", "", 7));
    assertThat(Report.parse("Feedbin feed-id:12\u0000<script> - 7 subscribers")).contains(new Report("Feedbin", "12", 7));
    // Line breaks and a colon cannot reach a name, so no log line or key is split by one.
    Optional<Report> controls = Report.parse("Bot\r\nX-Injected: 1/1 (5 subscribers)");
    assertThat(controls.orElseThrow().reader()).isEqualTo("BotX-Injected");
  }
}
