package dev.pressfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.Rendering;
import dev.pressfeed.release.ReleaseInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every rendered feed back with an independent parser (npm {@code feedsmith}, through
 * {@code src/test/node/read-feed.mjs}) and checks that a feed reader gets the same entries,
 * identities, titles, links, dates, HTML, categories and enclosures that Pressfeed meant to
 * send: for the seed release and for the whole torture set, in all three formats.
 */
class FeedReadersIT {

  private static final String INSTALL_HINT = "Run the tests with `mvn verify`: its "
      + "pre-integration-test phase copies src/test/node to target/test-tools and runs `npm ci` "
      + "there, which installs feedsmith (Node.js 20 and npm must be on the PATH).";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> feeds() {
    Map<String, Function<FeedEdition, String>> formats =
        Map.of("rss", RssFeed::render, "atom", AtomFeed::render, "json", JsonFeed::render);
    List<Arguments> cases = new ArrayList<>();
    for (String format : List.of("rss", "atom", "json")) {
      cases.add(Arguments.of(format, "seed", List.of(Editions.seed()), formats.get(format)));
      cases.add(Arguments.of(format, "torture set", Editions.tortureSet(), formats.get(format)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("feeds")
  void anIndependentParserReadsBackEveryEntryAsSent(String format, String name,
      List<Release> releases, Function<FeedEdition, String> renderer, @TempDir Path dir)
      throws Exception {
    FeedEdition edition = Editions.of(releases);
    Path file = dir.resolve("feed." + format);
    Files.writeString(file, renderer.apply(edition), StandardCharsets.UTF_8);
    JsonNode read = read(file, dir);

    assertThat(read.path("format").asText()).isEqualTo(format);
    assertThat(read.path("title").asText()).isEqualTo(edition.title());
    assertThat(read.path("language").asText()).isEqualTo(edition.language());
    assertThat(read.path("home").asText()).as("the newsroom page the feed mirrors")
        .isEqualTo(Editions.BASE + "/?tag=Smart%20City&lang=de");
    if (format.equals("json")) {
      assertThat(read.path("self").asText()).isEqualTo(Subscription.url(edition.selfUrl()));
    } else {
      assertThat(read.path("self").asText()).isEqualTo(edition.selfUrl());
    }
    if (!format.equals("rss")) {
      assertThat(read.path("next").asText()).isEqualTo(edition.nextUrl().orElseThrow());
    }
    if (format.equals("atom")) {
      assertThat(read.path("id").asText()).isEqualTo(Subscription.url(edition.selfUrl()));
    }

    JsonNode entries = read.path("entries");
    assertThat(entries).hasSize(releases.size());
    for (int i = 0; i < releases.size(); i++) {
      Release release = releases.get(i);
      ReleaseInput in = release.input();
      Rendering content = Rendering.of(release);
      JsonNode entry = entries.get(i);
      String where = format + " entry " + i + " (" + release.id() + "): ";
      assertThat(entry.path("id").asText()).as(where + "id").isEqualTo(release.feedId());
      assertThat(entry.path("title").asText()).as(where + "title").isEqualTo(in.title());
      assertThat(entry.path("link").asText()).as(where + "link")
          .isEqualTo(Editions.BASE + "/news/" + release.id());
      assertThat(entry.path("contentHtml").asText()).as(where + "content").isEqualTo(content.feedHtml());
      assertThat(entry.path("categories")).extracting(JsonNode::asText).as(where + "categories")
          .containsExactlyElementsOf(in.tags());
      assertThat(entry.path("language").asText()).as(where + "language").isEqualTo(in.language());
      // XML feeds carry whole seconds (RFC 822 has no fractions; Rome writes none in Atom).
      ChronoUnit precision = format.equals("json") ? ChronoUnit.MILLIS : ChronoUnit.SECONDS;
      assertThat(Instant.parse(entry.path("published").asText())).as(where + "published")
          .isEqualTo(release.publishedAt().truncatedTo(precision));
      if (format.equals("rss")) {
        assertThat(entry.path("idIsPermaLink").asBoolean(true)).as(where + "isPermaLink").isFalse();
        assertThat(Parser.unescapeEntities(entry.path("summary").asText(), false))
            .as(where + "description, read as HTML").isEqualTo(content.feedSummary());
        assertThat(entry.path("author").isNull() ? null : entry.path("author").asText())
            .as(where + "dc:creator")
            .isEqualTo(in.organization() == null ? null : in.organization().name());
      } else {
        assertThat(Instant.parse(entry.path("updated").asText())).as(where + "updated")
            .isEqualTo(FeedEdition.changed(release).truncatedTo(precision));
        assertThat(entry.path("summary").asText()).as(where + "summary").isEqualTo(content.feedSummary());
        assertThat(entry.path("author").asText()).as(where + "author")
            .isEqualTo(in.organization() == null ? edition.publisher() : in.organization().name());
      }
      assertThat(entry.path("enclosures")).as(where + "enclosures").hasSize(in.attachments().size());
      for (int a = 0; a < in.attachments().size(); a++) {
        ReleaseInput.Attachment attachment = in.attachments().get(a);
        JsonNode enclosure = entry.path("enclosures").get(a);
        assertThat(enclosure.path("url").asText()).isEqualTo(attachment.url());
        assertThat(enclosure.path("type").asText()).isEqualTo(
            attachment.mediaType() == null ? "application/octet-stream" : attachment.mediaType());
        Long length = attachment.length();
        Long expected = switch (format) {
          case "rss" -> length == null ? 0L : length; // RSS requires it: 0 for unknown
          case "atom" -> length == null || length == 0 ? null : length; // optional in Atom
          default -> length;
        };
        assertThat(enclosure.path("length").isNull() ? null : enclosure.path("length").asLong())
            .as(where + "enclosure length").isEqualTo(expected);
      }
    }
  }

  /**
   * RFC 6721 tombstones before the entries change nothing a reader takes from the feed: the
   * parser accepts it and reads the same feed and entries as without them.
   */
  @Test
  void tombstonesLeaveWhatAReaderTakesFromAnAtomFeedAsItWas(@TempDir Path dir) throws Exception {
    FeedEdition plain = Editions.of(Editions.tortureSet());
    FeedEdition withdrawn = AtomSchemaTest.withTombstones(plain, List.of(
        new Tombstone("urn:uuid:7c1f2a36-2f3b-4c0e-9a51-0d5a0b7e9c11", Editions.T0),
        new Tombstone("urn:uuid:0e0c7a6e-1d55-4f5e-8a8b-3d2f4c1b2a90", Editions.T0.minusSeconds(60))));
    Path plainFile = dir.resolve("plain.atom");
    Path withdrawnFile = dir.resolve("withdrawn.atom");
    Files.writeString(plainFile, AtomFeed.render(plain), StandardCharsets.UTF_8);
    Files.writeString(withdrawnFile, AtomFeed.render(withdrawn), StandardCharsets.UTF_8);
    assertThat(Files.readString(withdrawnFile)).contains("at:deleted-entry");

    JsonNode read = read(withdrawnFile, dir);
    assertThat(read.path("entries")).hasSize(plain.entries().size());
    assertThat(read).isEqualTo(read(plainFile, dir));
  }

  private static JsonNode read(Path feed, Path dir) throws IOException, InterruptedException {
    String tools = System.getProperty("pressfeed.testTools");
    if (tools == null) {
      throw new AssertionError("system property pressfeed.testTools is not set. " + INSTALL_HINT);
    }
    Path script = Path.of(tools, "read-feed.mjs");
    if (!Files.isRegularFile(script)
        || !Files.isRegularFile(Path.of(tools, "node_modules", "feedsmith", "package.json"))) {
      throw new AssertionError("feedsmith or read-feed.mjs is missing from " + tools + ". "
          + INSTALL_HINT);
    }
    Path out = dir.resolve("read.json");
    Path err = dir.resolve("read.err");
    Process node;
    try {
      node = new ProcessBuilder("node", script.toString(), feed.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run `node`: " + e.getMessage() + ". " + INSTALL_HINT, e);
    }
    try {
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("read-feed.mjs did not finish within 30 s");
      }
    } finally {
      node.destroyForcibly();
    }
    if (node.exitValue() != 0) {
      throw new AssertionError("read-feed.mjs failed (exit " + node.exitValue() + "): "
          + Files.readString(err));
    }
    return JSON.readTree(out.toFile());
  }
}
