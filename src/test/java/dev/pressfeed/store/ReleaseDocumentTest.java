package dev.pressfeed.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.release.Composer;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.release.Rendering;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stored form keeps a release's rendering while it fits, and only a current one. */
class ReleaseDocumentTest {

  private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
  /** DynamoDB's item limit: 400 KB, attribute names included. */
  private static final int ITEM_LIMIT = 400 * 1024;

  private static Release release(ReleaseInput input, Rendering rendering) {
    return new Release("2024-03-01-dokument", "urn:uuid:3f1c1d4e-6a9b-4c2e-8f00-000000000001",
        input, Release.State.PUBLISHED, T, T, T, 3, rendering);
  }

  @Test
  void aReleaseReadsBackWithItsRendering() {
    Release rendered = release(Fixtures.seedInput(), Composer.compose(Fixtures.seedInput()));

    String document = ReleaseDocument.write(rendered);

    assertThat(document).contains("\"rendering\":{\"v\":" + Rendering.VERSION + ",");
    assertThat(ReleaseDocument.read(document)).isEqualTo(rendered);
  }

  @Test
  void aDocumentWrittenBeforeRenderingsWereStoredReadsWithoutOneAndIsComposedOnRead() {
    // What the writer made before renderings were stored, byte for byte.
    String before = "{\"v\":1,\"id\":\"2024-03-01-alt\",\"feedId\":\"urn:uuid:0b6f2d8e-1c1a-4f4e-9d55-"
        + "7a0e7f3c2b10\",\"state\":\"PUBLISHED\",\"firstPublishedAt\":\"2024-03-01T10:00:00Z\","
        + "\"createdAt\":\"2024-03-01T10:00:00Z\",\"updatedAt\":\"2024-03-01T10:00:00Z\",\"version\":1,"
        + "\"title\":\"Alt\",\"body\":\"Text *mit* Betonung.\",\"language\":\"de\",\"status\":\"published\","
        + "\"location\":\"Bonn\",\"tags\":[],\"contacts\":[],\"links\":[],\"attachments\":[]}";

    Release read = ReleaseDocument.read(before);

    assertThat(read.rendering()).isNull();
    assertThat(read.input().body()).isEqualTo("Text *mit* Betonung.");
    Rendering onRead = Rendering.of(read);
    assertThat(onRead.bodyHtml()).isEqualTo("<p>Text <em>mit</em> Betonung.</p>\n");
    assertThat(onRead.feedHtml()).isEqualTo("<div><p><strong>Bonn</strong> – Text <em>mit</em> Betonung.</p>\n</div>");
  }

  @Test
  void aRenderingOfAnotherVersionIsDroppedOnRead() {
    String current = ReleaseDocument.write(release(Fixtures.seedInput(), Composer.compose(Fixtures.seedInput())));
    String foreign = current
        .replace("\"rendering\":{\"v\":" + Rendering.VERSION + ",", "\"rendering\":{\"v\":" + (Rendering.VERSION + 1) + ",")
        .replaceFirst("\"bodyHtml\":\"", "\"bodyHtml\":\"<script>alert(1)</script>");
    assertThat(foreign).isNotEqualTo(current);

    Release read = ReleaseDocument.read(foreign);

    assertThat(read.rendering()).isNull();
    assertThat(read.input()).isEqualTo(Fixtures.seedInput());
    assertThat(Rendering.of(read).bodyHtml()).doesNotContain("<script");
  }

  @Test
  void aVersionOneRenderingWithoutARefusedCharacterIsServedAsStored() {
    // Version 2 only cleans refused characters: a clean version-1 rendering is what it composes,
    // and serving it keeps the Markdown renderer out of the reading functions after a deploy.
    Rendering composed = Composer.compose(Fixtures.seedInput());
    String versionOne = ReleaseDocument.write(release(Fixtures.seedInput(), composed))
        .replace("\"rendering\":{\"v\":" + Rendering.VERSION + ",", "\"rendering\":{\"v\":1,");
    assertThat(versionOne).contains("\"rendering\":{\"v\":1,");

    assertThat(ReleaseDocument.read(versionOne).rendering()).isEqualTo(composed);
  }

  @Test
  void aVersionOneRenderingHoldingARefusedCharacterRawOrAsAReferenceIsDroppedOnRead() {
    String current = ReleaseDocument.write(release(Fixtures.seedInput(), Composer.compose(Fixtures.seedInput())))
        .replace("\"rendering\":{\"v\":" + Rendering.VERSION + ",", "\"rendering\":{\"v\":1,");
    String raw = current.replace("\"feedSummary\":\"", "\"feedSummary\":\"\\u000B");
    String reference = current.replace("\"bodyHtml\":\"", "\"bodyHtml\":\"&#xb;");
    String c1 = current.replace("\"feedHtml\":\"", "\"feedHtml\":\"\\u0085");

    assertThat(ReleaseDocument.read(current).rendering()).isNotNull();
    assertThat(ReleaseDocument.read(raw).rendering()).isNull();
    assertThat(ReleaseDocument.read(reference).rendering()).isNull();
    assertThat(ReleaseDocument.read(c1).rendering()).isNull();
  }

  @Test
  void anIncompleteRenderingIsDroppedOnRead() {
    String current = ReleaseDocument.write(release(Fixtures.seedInput(), Composer.compose(Fixtures.seedInput())));
    String withoutFeedHtml = current.replace("\"feedHtml\":", "\"somethingElse\":");

    assertThat(ReleaseDocument.read(withoutFeedHtml).rendering()).isNull();
  }

  @Test
  void aRenderingIsKeptUpToTheBudgetAndLeftOutBeyondIt() {
    Release bare = release(Fixtures.seedInput(), null);
    long empty = ReleaseDocument.utf8Length(
        ReleaseDocument.write(bare.withRendering(new Rendering(Rendering.VERSION, "", null, "", ""))));
    // Three bytes a character: the budget counts UTF-8 bytes, not characters.
    int room = Math.toIntExact((ReleaseDocument.RENDERING_BUDGET - empty) / 3);
    Rendering fits = new Rendering(Rendering.VERSION, "", null, "€".repeat(room), "");
    Rendering over = new Rendering(Rendering.VERSION, "", null, "€".repeat(room + 1), "");

    String kept = ReleaseDocument.write(bare.withRendering(fits));
    String left = ReleaseDocument.write(bare.withRendering(over));

    assertThat(ReleaseDocument.utf8Length(kept)).isLessThanOrEqualTo(ReleaseDocument.RENDERING_BUDGET)
        .isGreaterThan(ReleaseDocument.RENDERING_BUDGET - 3);
    assertThat(ReleaseDocument.read(kept).rendering()).isEqualTo(fits);
    assertThat(left).isEqualTo(ReleaseDocument.write(bare));
    assertThat(ReleaseDocument.read(left).rendering()).isNull();
  }

  @Test
  void theLargestReleaseAnEditorCanSendWouldOverflowAnItemWithItsRenderingSoItStoresNone() {
    ReleaseInput largest = Fixtures.withBody(Fixtures.seedInput(), Fixtures.largestBody());
    Rendering rendering = Composer.compose(largest);

    String document = ReleaseDocument.write(release(largest, rendering));

    long bare = ReleaseDocument.utf8Length(document);
    long html = ReleaseDocument.utf8Length(rendering.bodyHtml() + rendering.feedHtml());
    assertThat(bare + html).as("the text and its HTML together").isGreaterThan(ITEM_LIMIT);
    assertThat(bare).isGreaterThan(255_000).isLessThan(ITEM_LIMIT - 10_000);
    assertThat(ReleaseDocument.read(document).rendering()).isNull();
    assertThat(ReleaseDocument.read(document).input()).isEqualTo(largest);
  }

  @Test
  void anIdempotencyRecordHoldsItsReleasesDocumentRenderingIncluded() {
    Release rendered = release(Fixtures.seedInput(), Composer.compose(Fixtures.seedInput()));
    IdempotencyRecord record = new IdempotencyRecord("editor\nkey", "hash", rendered,
        T.plus(Newsroom.IDEMPOTENCY_WINDOW));

    String document = ReleaseDocument.writeIdempotency(record);

    assertThat(document).contains(ReleaseDocument.write(rendered));
    assertThat(ReleaseDocument.readIdempotency(document)).isEqualTo(record);
  }

  @Test
  void utf8LengthCountsEncodedBytes() {
    String text = "a ü € 😀";
    assertThat(ReleaseDocument.utf8Length(text))
        .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isEqualTo(1 + 1 + 2 + 1 + 3 + 1 + 4);
  }
}
