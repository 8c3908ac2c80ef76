package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.local.RawHttp.Answer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends, the gateway answers with an RFC 9457 problem: also where its HTTP
 * server refuses the request before any route sees it (the JDK server answered these with its
 * own text/html page, or not at all).
 */
class MalformedRequestsTest {

  @TempDir Path data;
  private RunningGateway api;

  @BeforeEach
  void start() throws Exception {
    api = RunningGateway.embedded(data);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** A request as sent, and the statuses that are right for it. */
  record Malformed(String what, String request, List<Integer> statuses) {
    @Override
    public String toString() {
      return what;
    }
  }

  static List<Malformed> requests() {
    String end = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
    String editor = "Authorization: Bearer " + RunningGateway.TOKEN + "\r\nContent-Type: application/json\r\n";
    return List.of(
        new Malformed("bad escape in a filter", "GET /releases?tag=%ZZ HTTP/1.1\r\n" + end, List.of(400)),
        new Malformed("truncated escape in a feed filter", "GET /feed.atom?lang=%E0%A4%A HTTP/1.1\r\n" + end, List.of(400)),
        new Malformed("oversized Content-Length", "POST /releases HTTP/1.1\r\n" + editor
            + "Content-Length: 999999999\r\n" + end, List.of(413)),
        new Malformed("Content-Length beyond any number", "POST /releases HTTP/1.1\r\n" + editor
            + "Content-Length: 99999999999999999999999\r\n" + end, List.of(400, 413)),
        new Malformed("Content-Length not a number", "POST /releases HTTP/1.1\r\n" + editor
            + "Content-Length: twelve\r\n" + end, List.of(400)),
        new Malformed("two Content-Lengths", "POST /releases HTTP/1.1\r\n" + editor
            + "Content-Length: 2\r\nContent-Length: 3\r\n" + end + "{}", List.of(400)),
        new Malformed("malformed chunk size", "POST /releases HTTP/1.1\r\n" + editor
            + "Transfer-Encoding: chunked\r\n" + end + "zz\r\n{}\r\n0\r\n\r\n", List.of(400)),
        new Malformed("unknown transfer coding", "POST /releases HTTP/1.1\r\n" + editor
            + "Transfer-Encoding: gzip\r\n" + end, List.of(400, 501)),
        new Malformed("empty path segment", "GET //releases HTTP/1.1\r\n" + end, List.of(400, 404)),
        new Malformed("relative path", "GET releases HTTP/1.1\r\n" + end, List.of(400)),
        new Malformed("request line of garbage", "GARBAGE\r\n\r\n", List.of(400)),
        new Malformed("request line with a control character", "GET /rel\u0001eases HTTP/1.1\r\n" + end, List.of(400)),
        new Malformed("header name with a space", "GET /releases HTTP/1.1\r\nBad Header: x\r\n" + end, List.of(400)),
        new Malformed("header line without colon", "GET /releases HTTP/1.1\r\nNoColonHere\r\n" + end, List.of(400)),
        new Malformed("no Host", "GET /releases HTTP/1.1\r\nConnection: close\r\n\r\n", List.of(400)),
        new Malformed("headers too large", "GET /releases HTTP/1.1\r\nX-Padding: " + "a".repeat(10_000)
            + "\r\n" + end, List.of(431)),
        new Malformed("request line too long", "GET /releases?tag=" + "a".repeat(10_000) + " HTTP/1.1\r\n" + end,
            List.of(414, 431)),
        new Malformed("unknown HTTP version", "GET /releases HTTP/7.0\r\n" + end, List.of(400, 505)),
        new Malformed("unknown method on a route", "BREW /releases HTTP/1.1\r\n" + end, List.of(405)),
        new Malformed("unknown method elsewhere", "BREW /coffee HTTP/1.1\r\n" + end, List.of(404)),
        new Malformed("PUT without a body on a missing release", "PUT /releases/nope HTTP/1.1\r\n" + editor
            + "Content-Length: 0\r\n" + end, List.of(400, 404, 415, 428)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void everyMalformedRequestIsAnsweredWithAProblem(Malformed malformed) {
    Answer answer = RawHttp.exchange(api.port(), malformed.request());
    assertThat(answer.status()).as(answer.head() + "\n" + answer.text()).isIn(malformed.statuses().toArray());
    JsonNode problem = answer.problem();
    assertThat(answer.text()).doesNotContain("<html").doesNotContain("jetty").doesNotContain("Exception")
        .endsWith("}\n");
    assertThat(answer.headers()).doesNotContainKey("server");
    if (malformed.what().contains("filter")) {
      assertThat(problem.get("detail").asText()).containsAnyOf("'tag'", "'lang'");
    }
    if (answer.status() == 405) {
      assertThat(answer.headers().get("allow")).isNotBlank();
    }
  }

  @Test
  void aBadEscapeIsRefusedNotIgnored() {
    // A filter silently dropped would answer the whole archive as if it were the filtered list.
    Answer answer = RawHttp.exchange(api.port(), "GET /feed.rss?lang=de&tag=%G1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problem().get("detail").asText()).contains("'tag'");
  }
}
