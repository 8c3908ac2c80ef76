package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzzer's and the corpus's judges catch what they are there to catch. */
class VerdictsTest {

  @Test
  void activeContentIsFoundByEitherParserAfterDecoding() {
    for (String bad : List.of("<script>alert(1)</script>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>", "<img src=x onerror=alert(1)>", "<svg><a>x</a></svg>",
        "<iframe srcdoc=x></iframe>", "<button formaction=\"javascript:alert(1)\">x</button>", "<base href=//x>",
        "<a href=\" \u0001 vbscript:x\">x</a>", "<a href=\"data:text/html,x\">x</a>", "<meta http-equiv=refresh>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")) {
      assertThat(HtmlVerdict.problems(bad)).as(bad).isNotEmpty();
    }
    assertThat(HtmlVerdict.problems("<p>A <a href=\"https://a.example/?q=&lt;script&gt;\">link</a>, "
        + "<a href=\"mailto:p@a.example\">mail</a>, <a href=\"/relative\">rel</a> &lt;script&gt;</p>")).isEmpty();
    assertThat(HtmlVerdict.scheme(" \tJa\nVaScRiPt:alert(1)")).isEqualTo("javascript");
  }

  @Test
  void problemsMustBeCompleteAndAgreeWithTheStatus() {
    assertThat(Readers.problem(answer(404, "application/problem+json",
        "{\"type\":\"https://a/x\",\"title\":\"Not found\",\"status\":404,\"detail\":\"d\"}"))).isNull();
    assertThat(Readers.problem(answer(404, "application/problem+json",
        "{\"type\":\"https://a/x\",\"title\":\"Not found\",\"status\":400,\"detail\":\"d\"}"))).isNotNull();
    assertThat(Readers.problem(answer(404, "text/html", "<h1>404</h1>"))).isNotNull();
    assertThat(Readers.problem(answer(400, "application/problem+json", "{\"title\":\"x\",\"status\":400}"))).isNotNull();
  }

  @Test
  void traceAndClassNamesAreFoundInBodies() {
    for (String leak : List.of("java.lang.IllegalStateException: x", "\tat dev.pressfeed.http.Router.handle(Router.java:80)",
        "org.jdom2.IllegalDataException", "com.fasterxml.jackson.core.JsonParseException: Unexpected", "SQLITE_BUSY")) {
      assertThat(Readers.internals(leak.getBytes(StandardCharsets.UTF_8))).as(leak).isNotNull();
    }
    assertThat(Readers.internals("{\"detail\":\"The field title is required.\"}".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void feedsThatAreNotWellFormedOrNotFeedsAreFound() {
    assertThat(Readers.feed("/feed.rss", answer(200, "application/rss+xml",
        "<rss version=\"2.0\"><channel><title>t</title><link>https://a/</link><description>d\u000B</description></channel></rss>")))
        .startsWith("not well-formed");
    assertThat(Readers.feed("/feed.rss", answer(200, "application/rss+xml",
        "<rss version=\"2.0\"><channel><title>t</title><link>https://a/</link><description>d</description></channel></rss>")))
        .isNull();
    assertThat(Readers.feed("/feed.atom", answer(500, "application/problem+json", "{}"))).isNotNull();
    assertThat(Readers.feed("/feed.json", answer(200, "application/feed+json", "{\"version\":\"x\"}"))).isNotNull();
  }

  @Test
  void bodiesTheSpecRefusesAreKnown() {
    assertThat(Bodies.mustRefuse(new Bodies.Body(new byte[0], "null in array tags", null))).isNotNull();
    assertThat(Bodies.mustRefuse(new Bodies.Body(new byte[0], "wrong type in title (NUMBER)", null))).isNotNull();
    assertThat(Bodies.mustRefuse(new Bodies.Body(new byte[0], "wrong type in tags (ARRAY)", null))).isNull();
    assertThat(Bodies.mustRefuse(new Bodies.Body(new byte[0], "JSON escape \\ud800", null))).isNotNull();
    assertThat(Bodies.mustRefuse(new Bodies.Body(new byte[0], "",
        Readers.JSON.createObjectNode().put("body", "a\u000Bb")))).isNotNull();
    assertThat(FuzzSession.charset("application/json; charset=\"latin1\"")).isEqualTo("latin1");
    assertThat(FuzzSession.charset("application/json; charset=UTF-8")).isNull();
  }

  private static Answer answer(int status, String type, String body) {
    return new Answer(status, Map.of("content-type", type), body.getBytes(StandardCharsets.UTF_8));
  }
}
