package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.Fixtures;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest gzip answer a feed can give still fits Lambda's response limit, although base64
 * makes it a third larger than its bytes: a page cut at FeedApi's 5 MB of releases written to
 * resist compression (random letters of three scripts, the UTF-8 whose bytes gzip shrinks
 * least) gzips to about 79% of its text, so its response is about 5.1 MB.
 */
class CompressedAnswerSizeTest {

  /** What Lambda's error names as the most a synchronous response may hold. */
  private static final int LAMBDA_RESPONSE_LIMIT = 6_291_556;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theLeastCompressiblePageGzippedFitsLambdasResponseLimit() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Newsroom newsroom = new Newsroom(store, Clock.systemUTC());
      ReleaseInput seed = Fixtures.seedInput();
      for (int n = 0; n < 30; n++) {
        ReleaseInput input = Fixtures.withBody(seed, randomScripts(n, 99_000));
        newsroom.create(new ReleaseInput("Lang " + n, input.subtitle(), input.summary(), input.body(),
            input.language(), input.status(), Instant.parse("2026-09-01T00:00:00Z").plusSeconds(3600L * n).toString(),
            input.location(), input.tags(), input.organization(), input.contacts(), input.links(),
            input.about(), input.attachments()));
      }
      FeedHandler feeds = new FeedHandler(new Application(Config.from(Map.of("FEED_SIZE", "100")), store,
          Clock.systemUTC()));
      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json")) {
        byte[] identity = invoke(feeds, path, null);
        byte[] gzip = invoke(feeds, path, "gzip");
        JsonNode text = JSON.readTree(identity);
        JsonNode compressed = JSON.readTree(gzip);
        assertThat(text.path("body").asText().getBytes(StandardCharsets.UTF_8).length).as(path)
            .isGreaterThan(4_500_000);
        assertThat(compressed.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(gzip.length).as(path + ": the Lambda response, gzip in base64").isLessThan(LAMBDA_RESPONSE_LIMIT);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(
            Base64.getDecoder().decode(compressed.path("body").asText())))) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(path)
              .isEqualTo(text.path("body").asText());
        }
      }
    }
  }

  private static byte[] invoke(FeedHandler handler, String path, String acceptEncoding) throws Exception {
    String event = """
        {"version": "2.0", "routeKey": "GET %1$s", "rawPath": "%1$s", "rawQueryString": "",
         "headers": {"host": "size.invalid"%2$s},
         "requestContext": {"domainName": "size.invalid", "http": {"method": "GET", "path": "%1$s"}},
         "isBase64Encoded": false}""".formatted(path,
        acceptEncoding == null ? "" : ", \"accept-encoding\": \"" + acceptEncoding + "\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toByteArray();
  }

  /** Letters and digits, Cyrillic and CJK in equal parts, a space every seventh. */
  private static String randomScripts(int seed, int codePoints) {
    Random random = new Random(seed);
    String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder text = new StringBuilder(codePoints * 2);
    for (int i = 0; i < codePoints; i++) {
      if (i % 7 == 6) {
        text.append(' ');
        continue;
      }
      switch (random.nextInt(3)) {
        case 0 -> text.append(alnum.charAt(random.nextInt(alnum.length())));
        case 1 -> text.appendCodePoint(0x0410 + random.nextInt(64));
        default -> text.appendCodePoint(0x4E00 + random.nextInt(0x5000));
      }
    }
    return text.toString();
  }
}
