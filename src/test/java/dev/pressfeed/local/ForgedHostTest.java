package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import dev.pressfeed.local.RawHttp.Answer;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links come from {@code PUBLIC_BASE_URL} or the address the gateway listens on, never from a
 * client's {@code Host}: feeds and lists are cacheable, and a forged host in them would send
 * every later reader of the cached copy elsewhere.
 */
class ForgedHostTest {

  private static final String FORGED = "Host: evil.example\r\n";

  @TempDir Path data;

  @Test
  void aForgedHostAppearsInNoLinkHeaderOrFeed() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String own = "http://127.0.0.1:" + api.port();
      List<String> seen = answersTo(api.port());
      for (String answer : seen) {
        assertThat(answer).doesNotContain("evil.example");
      }
      assertThat(seen.get(0)).contains("location: " + own + "/releases/").contains(own + "/news/");
      assertThat(seen.get(2)).contains("link: <" + own + "/releases?");
      assertThat(String.join("\n", seen)).contains(own + "/feed.rss").contains(own + "/feed.atom")
          .contains(own + "/feed.json");
      for (int feed = 3; feed <= 4; feed++) {
        SyndFeed parsed = new SyndFeedInput().build(new StringReader(seen.get(feed).substring(seen.get(feed).indexOf("<?xml"))));
        List<String> hrefs = new ArrayList<>();
        parsed.getLinks().stream().map(SyndLink::getHref).forEach(hrefs::add);
        parsed.getEntries().forEach(entry -> hrefs.add(entry.getLink()));
        assertThat(hrefs).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith(own + "/"));
      }
    }
  }

  @Test
  void publicBaseUrlStillWins() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data);
        RunningGateway api = new RunningGateway(store, Map.of("PUBLIC_BASE_URL", "https://news.example.org"))) {
      List<String> seen = answersTo(api.port());
      assertThat(seen.get(0)).contains("location: https://news.example.org/releases/");
      for (String answer : seen) {
        assertThat(answer).doesNotContain("evil.example").doesNotContain("127.0.0.1:" + api.port());
      }
    }
  }

  /** Two releases posted, a one-item page (with its next link), RSS, Atom and JSON Feed. */
  private static List<String> answersTo(int port) {
    String post = "POST /releases HTTP/1.1\r\n" + FORGED + "Authorization: Bearer " + RunningGateway.TOKEN
        + "\r\nContent-Type: application/json\r\n";
    List<String> seen = new ArrayList<>();
    Answer first = RawHttp.exchange(port, post, RunningGateway.seedJson());
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    seen.add(first.head().toLowerCase(java.util.Locale.ROOT) + "\n" + first.text());
    Answer second = RawHttp.exchange(port, post, RunningGateway.seedWith(Map.of("title", "Zweite Meldung")));
    assertThat(second.status()).isEqualTo(201);
    seen.add(second.head() + "\n" + second.text());
    for (String path : List.of("/releases?limit=1", "/feed.rss", "/feed.atom", "/feed.json")) {
      Answer answer = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\n" + FORGED + "Connection: close\r\n\r\n");
      assertThat(answer.status()).as(path).isEqualTo(200);
      seen.add(answer.head().toLowerCase(java.util.Locale.ROOT) + "\n" + answer.text());
    }
    return seen;
  }
}
