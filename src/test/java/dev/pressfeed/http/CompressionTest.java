package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Accept-Encoding as RFC 9110 §12.5.3 reads it, and each coding's own strong ETag: the rules
 * of {@link Compression} on a router whose one route answers as every public route does
 * ({@link PublicApi#cacheable}).
 */
class CompressionTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Instant CHANGED = Instant.parse("2026-11-30T10:00:00Z");
  private static final String ETAG = "\"abc\"";
  private static final byte[] FEED = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel>"
      + "<title>Pressfeed – Förderung</title>" + "<item><title>Zitat „Energiewende“</title></item>".repeat(40)
      + "</channel></rss>").getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | false",
      "'' | false",
      "gzip | true",
      "GZIP | true",
      "gzip, deflate, br | true",
      "br;q=1.0, gzip;q=0.8, *;q=0.1 | true",
      "gzip;q=0 | false",
      "gzip;q=0.000 | false",
      "gzip;Q=0.001 | true",
      "gzip ; q=0.5 | true",
      "x-gzip | true",
      "X-GZIP;q=0.3 | true",
      "* | true",
      "*;q=0 | false",
      "deflate, br | false",
      "identity | false",
      "gzip;q=0, * | false",
      "*, gzip;q=0 | false",
      "br, * | true",
      "gzip;q=0.5, identity;q=1 | false",
      "gzip;q=0.5, identity;q=0.5 | true",
      "gzip, identity;q=0 | true",
      "gzip;q=abc | false",
      "gzip;q=-1 | false",
      "gzip;q=1.5 | false",
      "gzip;q=1.001 | false",
      "gzip;q=0.0001 | false",
      "gzip;q= | false",
      "gzip;q=abc, * | true",
      "gzip;level=9 | true",
      "gzip;q=1. | true",
      "',,, gzip ,,' | true",
      "; q=1 | false",
  })
  void acceptEncodingIsReadAsRfc9110Says(String field, boolean gzip) {
    assertThat(Compression.acceptsGzip(field)).isEqualTo(gzip);
  }

  @Test
  void hostileAcceptEncodingIsReadInLinearTimeAndDecided() {
    StringBuilder thousand = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      thousand.append("coding").append(i).append(";q=0.").append(i % 10).append(", ");
    }
    assertThat(Compression.acceptsGzip(thousand + "gzip")).isTrue();
    assertThat(Compression.acceptsGzip(thousand.toString())).isFalse();
    assertThat(Compression.acceptsGzip("a,".repeat(5000) + "gzip;q=1")).isTrue();
    assertThat(Compression.acceptsGzip("a".repeat(10_000))).isFalse();
    assertThat(Compression.acceptsGzip(";".repeat(10_000))).isFalse();
    assertThat(Compression.acceptsGzip("gzip;" + "q=0.5;".repeat(2000))).isTrue();
    assertThat(Compression.acceptsGzip("\u0001\u007f\r\n\tgzip")).isFalse();
    assertThat(Compression.acceptsGzip("gzip\u0000")).isFalse();
    assertThat(Compression.acceptsGzip(" \t gzip \t ")).isTrue();
  }

  @Test
  void qvaluesAreThousandths() {
    assertThat(Compression.qvalue("1")).isEqualTo(1000);
    assertThat(Compression.qvalue("1.000")).isEqualTo(1000);
    assertThat(Compression.qvalue("0.5")).isEqualTo(500);
    assertThat(Compression.qvalue("0.125")).isEqualTo(125);
    assertThat(Compression.qvalue("0")).isZero();
    assertThat(Compression.qvalue("0.")).isZero();
    assertThat(Compression.qvalue("2")).isEqualTo(-1);
    assertThat(Compression.qvalue(".5")).isEqualTo(-1);
    assertThat(Compression.qvalue("0.5x")).isEqualTo(-1);
    assertThat(Compression.qvalue("1e0")).isEqualTo(-1);
  }

  @Test
  void theGzipTagIsTheIdentityTagWithASuffixInsideItsQuotes() {
    assertThat(Compression.gzipTag("\"abc\"")).isEqualTo("\"abc-gzip\"");
    assertThat(Compression.gzipTag("W/\"abc\"")).isEqualTo("W/\"abc-gzip\"");
    assertThat(Compression.identityTag("\"abc-gzip\"")).isEqualTo("\"abc\"");
    assertThat(Compression.identityTag("W/\"abc-gzip\"")).isEqualTo("W/\"abc\"");
    assertThat(Compression.identityTag("\"abc\"")).isNull();
    assertThat(Compression.identityTag("\"-gzip\"")).isEqualTo("\"\"");
    assertThat(Compression.identityTag("-gzip\"")).isNull();
    assertThat(Compression.identityTag("\"")).isNull();
  }

  @Test
  void aGzipClientsConditionsNameIdentityTagsForTheRoutes() {
    assertThat(noneMatchForGzip("\"abc-gzip\"")).isEqualTo("\"abc\"");
    assertThat(noneMatchForGzip("\"abc\"")).isEqualTo("\"\"");
    assertThat(noneMatchForGzip("*")).isEqualTo("*");
    assertThat(noneMatchForGzip("\"x\", \"abc-gzip\" ,W/\"y-gzip\"")).isEqualTo("\"abc\", W/\"y\"");
    assertThat(Compression.forGzip(request(Map.of())).headers()).doesNotContainKey("if-none-match");
  }

  @Test
  void aGzipAnswerIsTheIdentityBytesCompressedWithItsOwnTagAndVary() {
    Response identity = feeds().handle(request(Map.of()));
    Response gzip = feeds().handle(request(Map.of("accept-encoding", "gzip")));

    assertThat(identity.headers()).containsEntry("ETag", ETAG).containsEntry("Vary", "Accept-Encoding")
        .doesNotContainKey("Content-Encoding");
    assertThat(identity.body()).isEqualTo(FEED);
    assertThat(gzip.headers()).containsEntry("ETag", "\"abc-gzip\"").containsEntry("Vary", "Accept-Encoding")
        .containsEntry("Content-Encoding", "gzip").containsEntry("Content-Type", "application/rss+xml")
        .containsEntry("Cache-Control", "public, max-age=300");
    assertThat(gunzip(gzip.body())).isEqualTo(FEED);
    assertThat(gzip.body().length).isLessThan(FEED.length / 4);
    assertThat(feeds().handle(request(Map.of("accept-encoding", "gzip"))).body())
        .as("the same bytes for the same tag").isEqualTo(gzip.body());
  }

  @Test
  void eachCodingIsConfirmedOnlyByItsOwnTag() {
    assertThat(poll("gzip", "\"abc-gzip\"").status()).isEqualTo(304);
    assertThat(poll("gzip", "\"abc-gzip\"").headers()).containsEntry("ETag", "\"abc-gzip\"")
        .containsEntry("Vary", "Accept-Encoding").doesNotContainKey("Content-Encoding");
    assertThat(poll("gzip", "W/\"abc-gzip\"").status()).as("weak comparison").isEqualTo(304);
    assertThat(poll("gzip", "\"old-gzip\", \"abc-gzip\"").status()).isEqualTo(304);
    assertThat(poll("gzip", "*").headers()).containsEntry("ETag", "\"abc-gzip\"");
    assertThat(poll("gzip", "*").status()).isEqualTo(304);
    assertThat(poll("identity", "\"abc\"").status()).isEqualTo(304);
    assertThat(poll("identity", "\"abc\"").headers()).containsEntry("ETag", ETAG).containsEntry("Vary", "Accept-Encoding");

    Response holdsIdentity = poll("gzip", "\"abc\"");
    assertThat(holdsIdentity.status()).as("a client that now accepts gzip holds another representation").isEqualTo(200);
    assertThat(holdsIdentity.headers()).containsEntry("ETag", "\"abc-gzip\"");
    assertThat(gunzip(holdsIdentity.body())).isEqualTo(FEED);
    Response holdsGzip = poll("identity", "\"abc-gzip\"");
    assertThat(holdsGzip.status()).isEqualTo(200);
    assertThat(holdsGzip.headers()).containsEntry("ETag", ETAG).doesNotContainKey("Content-Encoding");
    assertThat(holdsGzip.body()).isEqualTo(FEED);
  }

  @Test
  void ifModifiedSinceIsReadAsBeforeAndAnsweredInTheClientsCoding() {
    String since = Conditional.httpDate(CHANGED);
    Response gzip = feeds().handle(request(Map.of("accept-encoding", "gzip", "if-modified-since", since)));
    assertThat(gzip.status()).isEqualTo(304);
    assertThat(gzip.headers()).containsEntry("ETag", "\"abc-gzip\"");
    Response identity = feeds().handle(request(Map.of("if-modified-since", since)));
    assertThat(identity.status()).isEqualTo(304);
    assertThat(identity.headers()).containsEntry("ETag", ETAG);
    assertThat(feeds().handle(request(Map.of("accept-encoding", "gzip",
        "if-modified-since", Conditional.httpDate(CHANGED.minusSeconds(1))))).status()).isEqualTo(200);
    assertThat(feeds().handle(request(Map.of("accept-encoding", "gzip", "if-none-match", "\"abc\"",
        "if-modified-since", since))).status())
        .as("a present If-None-Match decides, even when nothing of it applies").isEqualTo(200);
  }

  @Test
  void headSaysWhatGetSendsInEachCoding() {
    for (String coding : new String[] {"gzip", "identity"}) {
      Map<String, String> headers = Map.of("accept-encoding", coding);
      Response get = feeds().handle(request("GET", headers));
      Response head = feeds().handle(request("HEAD", headers));
      assertThat(head.body()).isEmpty();
      Map<String, String> expected = new HashMap<>(get.headers());
      expected.put("Content-Length", Integer.toString(get.body().length));
      assertThat(head.headers()).as(coding).isEqualTo(expected);
    }
  }

  @Test
  void problemsAndPrivateAnswersAreNotCompressed() {
    Router router = new Router()
        .add("GET", "/missing", (request, params) -> Problem.notFound("No published release has this id.").toResponse())
        .add("GET", "/private", (request, params) -> new Response(200,
            Map.of("Content-Type", "application/json", "Cache-Control", "no-store"), FEED))
        .compressing(Compression.gzip());
    for (String path : new String[] {"/missing", "/private", "/nowhere"}) {
      Response answer = router.handle(new Request("GET", path, Map.of(), Map.of("accept-encoding", "gzip"),
          null, Optional.empty(), "https://press.example"));
      assertThat(answer.headers()).as(path).doesNotContainKeys("Content-Encoding", "Vary");
    }
  }

  @Test
  void aPublicErrorPageIsCompressedAndVaries() {
    byte[] page = "<!doctype html><title>Nicht gefunden</title>".repeat(20).getBytes(StandardCharsets.UTF_8);
    Router router = new Router()
        .add("GET", "/news/{id}", (request, params) -> new Response(404,
            Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "public, max-age=300"), page))
        .compressing(Compression.gzip());
    Response gzip = router.handle(new Request("GET", "/news/x", Map.of(), Map.of("accept-encoding", "gzip"),
        null, Optional.empty(), "https://press.example"));
    assertThat(gzip.status()).isEqualTo(404);
    assertThat(gzip.headers()).containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding")
        .doesNotContainKey("ETag");
    assertThat(gunzip(gzip.body())).isEqualTo(page);
  }

  @Test
  void offAnswersIdentityWithoutVaryAndReadsNoCondition() {
    Router router = feeds().compressing(Compression.OFF);
    Response answer = router.handle(request(Map.of("accept-encoding", "gzip")));
    assertThat(answer.headers()).containsEntry("ETag", ETAG).doesNotContainKeys("Vary", "Content-Encoding");
    assertThat(answer.body()).isEqualTo(FEED);
    assertThat(router.handle(request(Map.of("accept-encoding", "gzip", "if-none-match", "\"abc-gzip\"")))
        .status()).isEqualTo(200);
  }

  @Test
  void theGzipCodingIsTheSameBytesEveryTime() {
    byte[] once = Gzip.encode(FEED);
    assertThat(Gzip.encode(FEED)).isEqualTo(once);
    assertThat(once).startsWith(0x1f, 0x8b, 8, 0, 0, 0, 0, 0);
    assertThat(gunzip(Gzip.encode(new byte[0]))).isEmpty();
  }

  private static String noneMatchForGzip(String field) {
    return Compression.forGzip(request(Map.of("if-none-match", field))).headers().get("if-none-match");
  }

  private static Response poll(String coding, String ifNoneMatch) {
    return feeds().handle(request(Map.of("accept-encoding", coding, "if-none-match", ifNoneMatch)));
  }

  /** One public route that answers as a feed does: validators first, the body only when needed. */
  private static Router feeds() {
    return new Router()
        .add("GET", "/feed.rss", (request, params) -> PublicApi.cacheable(request, NOW, ETAG, CHANGED, 300,
            () -> new Response(200, Map.of("Content-Type", "application/rss+xml"), FEED)))
        .compressing(Compression.gzip());
  }

  private static Request request(Map<String, String> headers) {
    return request("GET", headers);
  }

  private static Request request(String method, Map<String, String> headers) {
    return new Request(method, "/feed.rss", Map.of(), headers, null, Optional.empty(), "https://press.example");
  }

  static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
