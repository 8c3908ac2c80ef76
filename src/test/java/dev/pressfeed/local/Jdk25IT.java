package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar runs on JDK 25 without a warning: sqlite-jdbc's native library needed
 * {@code Enable-Native-Access} (four restricted-method warnings on every start before).
 */
class Jdk25IT {

  /** Where the JDK 25 on this machine lives; {@code -Dpressfeed.jdk25=/path/to/bin/java} overrides. */
  static final String JDK25 = System.getProperty("pressfeed.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path work;

  @Test
  void theJarStartsServesAndStopsOnJdk25WithoutWarnings() throws Exception {
    if (!Files.isExecutable(Path.of(JDK25))) {
      throw new AssertionError("No JDK 25 at " + JDK25 + ": install one (apt-get install temurin-25-jdk from "
          + "the Adoptium repository, or unpack a JDK 25) and pass -Dpressfeed.jdk25=/path/to/bin/java");
    }
    int port = PackagedJar.freePort();
    try (PackagedJar jar = PackagedJar.start(JDK25, work, Map.of("PORT", String.valueOf(port),
        "PRESSFEED_DATA_DIR", work.resolve("data").toString(), "PRESSFEED_EDITOR_TOKEN", RunningGateway.TOKEN))) {
      jar.awaitReady(Duration.ofSeconds(60));
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(jar.url() + "/releases"))
          .header("Authorization", "Bearer " + RunningGateway.TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(RunningGateway.seedJson())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      HttpResponse<String> feed = client.send(HttpRequest.newBuilder(URI.create(jar.url() + "/feed.atom")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(feed.statusCode()).isEqualTo(200);
      String stderr = jar.stop();
      System.out.println("JDK 25 stderr: [" + stderr + "]");
      assertThat(stderr).doesNotContain("WARNING").doesNotContainIgnoringCase("warning");
      assertThat(jar.drainStdout()).doesNotContainIgnoringCase("warning").contains("POST /releases 201");
    }
  }
}
