package dev.pressfeed.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.Release;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads serve the rendering stored when a release was written, and answer byte for byte what
 * rendering on read answers (and answered before renderings were stored).
 */
class StoredRenderingTest {

  /** Both gateways name the same host, so their links can be compared. */
  private static final Map<String, String> ENV = Map.of("PUBLIC_BASE_URL", "https://presse.example");

  @TempDir Path dir;

  @Test
  void feedsAndTheApiAnswerTheSameFromAStoredRenderingAsFromRenderingOnRead() throws Exception {
    try (EmbeddedReleaseStore written = EmbeddedReleaseStore.open(dir.resolve("written"));
        EmbeddedReleaseStore before = EmbeddedReleaseStore.open(dir.resolve("before"));
        RunningGateway withRendering = new RunningGateway(written, ENV);
        RunningGateway onRead = new RunningGateway(before, ENV)) {
      String id = withRendering.post(RunningGateway.seedJson()).json().get("id").asText();
      Release stored = written.find(id).orElseThrow();
      // The same release and feed state as a store held them before renderings were stored.
      assertThat(before.insert(stored.withRendering(null))).isTrue();
      assertThat(before.replaceFeedState(written.feedState(), 0)).isTrue();
      assertThat(stored.rendering()).isNotNull();
      assertThat(before.find(id).orElseThrow().rendering()).isNull();

      for (String path : List.of("/feed.rss", "/feed.atom", "/feed.json", "/feed.atom?lang=de",
          "/releases", "/releases/" + id)) {
        Reply fromStored = withRendering.get(path);
        Reply renderedOnRead = onRead.get(path);
        assertThat(fromStored.status()).as(path).isEqualTo(200);
        assertThat(fromStored.text()).as(path).isEqualTo(renderedOnRead.text());
        assertThat(fromStored.header("ETag")).as(path).isEqualTo(renderedOnRead.header("ETag"));
      }
      Reply editorView = withRendering.editor("GET", "/editor/releases/" + id, null);
      assertThat(editorView.text()).isEqualTo(onRead.editor("GET", "/editor/releases/" + id, null).text());
      assertThat(editorView.json().get("bodyHtml").asText()).isEqualTo(stored.rendering().bodyHtml());
    }
  }
}
