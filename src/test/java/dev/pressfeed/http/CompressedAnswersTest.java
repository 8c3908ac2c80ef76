package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed answers through the local gateway, over real HTTP: the request becomes an API
 * Gateway event, the handler's gzip body travels back in base64 as it does on Lambda, and the
 * client (Java's, which does not decompress) sees the raw bytes on the wire.
 */
class CompressedAnswersTest {

  private static final String GZIP = "gzip, deflate, br";

  @TempDir Path data;

  @Test
  void everyPublicAnswerInGzipIsItsIdentityBytesCompressedUnderItsOwnTag() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/feed.rss?lang=de",
          "/releases", "/releases/" + id, "/", "/news/" + id, "/sitemap.xml", "/robots.txt")) {
        Reply identity = api.get(path);
        Reply gzip = api.get(path, "Accept-Encoding", GZIP);

        assertThat(identity.status()).as(path).isEqualTo(200);
        assertThat(gzip.status()).as(path).isEqualTo(200);
        assertThat(identity.header("Content-Encoding")).as(path).isNull();
        assertThat(gzip.header("Content-Encoding")).as(path).isEqualTo("gzip");
        assertThat(identity.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(gzip.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(gzip.header("Content-Type")).as(path).isEqualTo(identity.header("Content-Type"));
        assertThat(gzip.header("Cache-Control")).as(path).isEqualTo(identity.header("Cache-Control"));
        assertThat(gzip.header("Last-Modified")).as(path).isEqualTo(identity.header("Last-Modified"));
        assertThat(gzip.header("ETag")).as(path)
            .isEqualTo(identity.header("ETag").replaceAll("\"$", "-gzip\""));
        assertThat(gzip.header("Content-Length")).as(path).isEqualTo(Integer.toString(gzip.body().length));
        assertThat(gunzip(gzip.body())).as(path + ": exactly the identity bytes").isEqualTo(identity.body());
        if (identity.body().length > 1000) {
          assertThat(gzip.body().length).as(path).isLessThan(identity.body().length / 2);
        }
        assertThat(api.get(path, "Accept-Encoding", GZIP).body()).as(path + ": the same bytes again")
            .isEqualTo(gzip.body());
      }
    }
  }

  @Test
  void decompressedFeedsAreFeedsEveryReaderParses() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      api.post(RunningGateway.seedJson()).json();
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
        Reply gzip = api.get(path, "Accept-Encoding", "gzip");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        String text = new String(gunzip(gzip.body()), StandardCharsets.UTF_8);
        FeedCheck.wellFormed(path, text, path + " decompressed");
        assertThat(text).contains("Darmstadt");
      }
    }
  }

  @Test
  void aPollIsConfirmedOnlyInTheCodingItHolds() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/feed.rss", "/releases", "/releases/" + id, "/news/" + id, "/sitemap.xml")) {
        String identityTag = api.get(path).header("ETag");
        Reply first = api.get(path, "Accept-Encoding", GZIP);
        String gzipTag = first.header("ETag");
        assertThat(gzipTag).as(path).isNotEqualTo(identityTag).endsWith("-gzip\"");

        Reply gzip304 = api.get(path, "Accept-Encoding", GZIP, "If-None-Match", gzipTag);
        assertThat(gzip304.status()).as(path).isEqualTo(304);
        assertThat(gzip304.body()).isEmpty();
        assertThat(gzip304.header("ETag")).as(path).isEqualTo(gzipTag);
        assertThat(gzip304.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(gzip304.header("Content-Encoding")).as(path).isNull();
        Reply identity304 = api.get(path, "If-None-Match", identityTag);
        assertThat(identity304.status()).as(path).isEqualTo(304);
        assertThat(identity304.header("ETag")).as(path).isEqualTo(identityTag);
        assertThat(identity304.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(api.get(path, "Accept-Encoding", GZIP, "If-None-Match", "\"x\", " + gzipTag).status())
            .as(path).isEqualTo(304);
        assertThat(api.get(path, "Accept-Encoding", GZIP, "If-None-Match", "*").status()).as(path).isEqualTo(304);

        Reply nowGzip = api.get(path, "Accept-Encoding", GZIP, "If-None-Match", identityTag);
        assertThat(nowGzip.status()).as(path + ": holds identity, now accepts gzip").isEqualTo(200);
        assertThat(nowGzip.header("ETag")).isEqualTo(gzipTag);
        assertThat(nowGzip.body()).isEqualTo(first.body());
        Reply nowIdentity = api.get(path, "If-None-Match", gzipTag);
        assertThat(nowIdentity.status()).as(path + ": holds gzip, now accepts identity only").isEqualTo(200);
        assertThat(nowIdentity.header("ETag")).isEqualTo(identityTag);
        assertThat(nowIdentity.header("Content-Encoding")).isNull();

        Reply since = api.get(path, "Accept-Encoding", GZIP, "If-Modified-Since", first.header("Last-Modified"));
        assertThat(since.status()).as(path).isEqualTo(304);
        assertThat(since.header("ETag")).as(path).isEqualTo(gzipTag);
      }
    }
  }

  @Test
  void aChangedFeedIsNotConfirmedInEitherCoding() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      api.post(RunningGateway.seedJson()).json();
      Reply before = api.get("/feed.atom", "Accept-Encoding", "gzip");
      api.post(RunningGateway.seedWith(Map.of("title", "Zweite Mitteilung"))).json();
      Reply after = api.get("/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", before.header("ETag"));
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag")).endsWith("-gzip\"");
      assertThat(new String(gunzip(after.body()), StandardCharsets.UTF_8)).contains("Zweite Mitteilung");
    }
  }

  @Test
  void headSaysWhatGetWouldSendInEachCoding() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/feed.rss", "/feed.json", "/releases/" + id, "/", "/news/" + id)) {
        for (String coding : List.of(GZIP, "identity")) {
          Reply get = api.get(path, "Accept-Encoding", coding);
          Reply head = api.send("HEAD", path, null, "Accept-Encoding", coding);
          assertThat(head.status()).as(path).isEqualTo(200);
          assertThat(head.body()).as(path).isEmpty();
          for (String header : List.of("Content-Encoding", "ETag", "Vary", "Content-Type", "Content-Length",
              "Cache-Control", "Last-Modified")) {
            assertThat(head.header(header)).as(path + " " + coding + " " + header).isEqualTo(get.header(header));
          }
        }
      }
    }
  }

  @Test
  void theNotFoundAndWithdrawnPagesAreCompressedAndVaryButProblemsAndEditorsAreNot() throws Exception {
    try (RunningGateway api = RunningGateway.embedded(data)) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      Reply missing = api.get("/news/2020-01-01-unbekannt", "Accept-Encoding", "gzip");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(missing.header("Vary")).isEqualTo("Accept-Encoding");
      assertThat(gunzip(missing.body())).isEqualTo(api.get("/news/2020-01-01-unbekannt").body());

      Reply editor = api.editor("GET", "/editor/releases/" + id, null, "Accept-Encoding", "gzip");
      assertThat(editor.status()).isEqualTo(200);
      assertThat(editor.header("Content-Encoding")).isNull();
      assertThat(editor.header("Vary")).isNull();
      assertThat(editor.json().get("id").asText()).isEqualTo(id);

      Reply problem = api.get("/releases/2020-01-01-unbekannt", "Accept-Encoding", "gzip");
      assertThat(problem.status()).isEqualTo(404);
      assertThat(problem.header("Content-Encoding")).isNull();
      assertThat(problem.json().get("status").asInt()).isEqualTo(404);

      assertThat(api.editor("DELETE", "/releases/" + id, null, "If-Match", editor.header("ETag")).status())
          .isEqualTo(204);
      Reply withdrawn = api.get("/news/" + id, "Accept-Encoding", "gzip");
      assertThat(withdrawn.status()).isEqualTo(410);
      assertThat(withdrawn.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(gunzip(withdrawn.body())).isEqualTo(api.get("/news/" + id).body());
    }
  }

  @Test
  void hostileAcceptEncodingGetsAnAnswerNeverAFailure() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      many.append("c").append(i).append(";q=0.").append(i % 10).append(",");
    }
    try (RunningGateway api = RunningGateway.embedded(data)) {
      api.post(RunningGateway.seedJson()).json();
      for (String field : List.of("", "x".repeat(7000), "gzip;q=abc", "gzip;q=-1", "gzip;q=1.5",
          many.toString(), many + "gzip", ";;;,,,;q=;", "gzip;q=0.5;q=abc",
          "gzip;q=\"1\"", "*;q=0", "gzip\u00ff;q=1")) {
        Reply answer = api.get("/feed.rss", "Accept-Encoding", field);
        String shown = field.length() > 40 ? field.substring(0, 40) + "…" : field;
        assertThat(answer.status()).as(shown).isEqualTo(200);
        boolean gzip = "gzip".equals(answer.header("Content-Encoding"));
        assertThat(gzip).as(shown).isEqualTo(Compression.acceptsGzip(field));
        String text = new String(gzip ? gunzip(answer.body()) : answer.body(), StandardCharsets.UTF_8);
        FeedCheck.wellFormed("/feed.rss", text, shown);
      }
      // Past the gateway's header limit (API Gateway's is 10 KB too): refused before any handler.
      Reply huge = api.get("/feed.rss", "Accept-Encoding", "gzip;q=0.5, ".repeat(1000));
      assertThat(huge.status()).isEqualTo(431);
      assertThat(huge.json().get("status").asInt()).isEqualTo(431);
      // What Java's client refuses to send: control characters and UTF-8 in the field, raw.
      for (String field : List.of("\u007fgzip\u0001", "gzip\u0000", "\tgzip\t", "ＧＺＩＰ", "gzip;q=\u00001")) {
        String answer = raw(api.port(), "GET /feed.rss HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: "
            + field + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).as(field).matches("(?s)HTTP/1\\.1 (200|400) .*")
            .doesNotContain("Exception").doesNotContain("\tat ");
      }
    }
  }

  /** The answer to bytes sent as they are (UTF-8), head and body as ISO-8859-1 text. */
  private static String raw(int port, String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void offAnswersIdentityWithoutVary() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data);
        RunningGateway api = new RunningGateway(store, Map.of("RESPONSE_COMPRESSION", "off"))) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/feed.rss", "/releases/" + id, "/news/" + id, "/news/2020-01-01-unbekannt")) {
        Reply answer = api.get(path, "Accept-Encoding", GZIP);
        assertThat(answer.header("Content-Encoding")).as(path).isNull();
        assertThat(answer.header("Vary")).as(path).isNull();
        assertThat(answer.body()).as(path).isEqualTo(api.get(path).body());
        if (answer.header("ETag") != null) {
          assertThat(answer.header("ETag")).doesNotContain("-gzip");
          assertThat(api.get(path, "Accept-Encoding", GZIP, "If-None-Match", answer.header("ETag")).status())
              .isEqualTo(304);
        }
      }
    }
  }

  /**
   * Behind CloudFront ({@code cdn}): the edge compresses RSS, JSON, XML, HTML and plain text
   * itself, with Brotli too, so those reach it as identity; Atom and JSON Feed, which it would
   * pass on uncompressed, are gzipped here, with their own ETag and Vary, 304s included.
   */
  @Test
  void behindTheCdnOnlyAtomAndJsonFeedAreGzippedHere() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data);
        RunningGateway api = new RunningGateway(store, Map.of("RESPONSE_COMPRESSION", "cdn"))) {
      String id = api.post(RunningGateway.seedJson()).json().get("id").asText();
      for (String path : List.of("/feed.atom", "/feed.json", "/feed.atom?tag=Digitalisierung")) {
        Reply gzip = api.get(path, "Accept-Encoding", GZIP);
        Reply identity = api.get(path);
        assertThat(gzip.header("Content-Encoding")).as(path).isEqualTo("gzip");
        assertThat(gzip.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(gunzip(gzip.body())).as(path).isEqualTo(identity.body());
        assertThat(gzip.header("ETag")).as(path).isEqualTo(Compression.gzipTag(identity.header("ETag")));
        Reply again = api.get(path, "Accept-Encoding", GZIP, "If-None-Match", gzip.header("ETag"));
        assertThat(again.status()).as(path).isEqualTo(304);
        assertThat(again.header("ETag")).as(path).isEqualTo(gzip.header("ETag"));
        assertThat(again.header("Vary")).as(path).isEqualTo("Accept-Encoding");
      }
      for (String path : List.of("/feed.rss", "/releases", "/releases/" + id, "/", "/news/" + id,
          "/sitemap.xml", "/robots.txt")) {
        Reply answer = api.get(path, "Accept-Encoding", GZIP);
        assertThat(answer.header("Content-Encoding")).as(path).isNull();
        assertThat(answer.header("Vary")).as(path).isNull();
        assertThat(answer.body()).as(path).isEqualTo(api.get(path).body());
        Reply again = api.get(path, "Accept-Encoding", GZIP, "If-None-Match", answer.header("ETag"));
        assertThat(again.status()).as(path).isEqualTo(304);
        assertThat(again.header("Vary")).as(path).isNull();
      }
    }
  }

  static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
