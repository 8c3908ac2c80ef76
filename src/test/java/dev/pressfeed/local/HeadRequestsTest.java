package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RawHttp.Answer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEAD is passed through to the handler like any method (the router answers it on every GET
 * route, RFC 9110 §9.1), and its answer goes out without a body: GET's headers, with the length
 * GET's body has.
 */
class HeadRequestsTest {

  @TempDir Path data;

  @Test
  void headAnswersCarryNoBody() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/releases", "/releases/" + id, "/feed.rss", "/feed.atom", "/feed.json")) {
        Answer get = RawHttp.exchange(api.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Answer head = RawHttp.exchange(api.port(), "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(head.body()).as(path).isEmpty();
        assertThat(head.status()).as(path).isEqualTo(200);
        assertThat(head.headers().get("content-length")).as(path).isEqualTo(String.valueOf(get.body().length));
        assertThat(head.headers().get("content-type")).isEqualTo(get.headers().get("content-type"));
        assertThat(head.headers().get("etag")).isEqualTo(get.headers().get("etag"));
      }
    }
  }
}
