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

  /**
   * The {@code java} of a JDK 25 (or newer) on this machine: {@code -Dpressfeed.jdk25=/path/to/bin/java},
   * else the first JDK under {@code /usr/lib/jvm} whose {@code release} file names version 25 or
   * later (Temurin's {@code temurin-25-jdk-amd64} on these machines).
   */
  static final String JDK25 = System.getProperty("pressfeed.jdk25", installedJdk25());

  private static String installedJdk25() {
    Path fallback = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      return jdks.sorted().filter(jdk -> major(jdk.resolve("release")) >= 25)
          .map(jdk -> jdk.resolve("bin/java")).filter(Files::isExecutable)
          .findFirst().orElse(fallback).toString();
    } catch (java.io.IOException e) {
      return fallback.toString();
    }
  }

  /** The feature version a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.1"}), or 0. */
  private static int major(Path release) {
    try {
      for (String line : Files.readAllLines(release)) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^JAVA_VERSION=\"(\\d+)").matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not a JDK
    }
    return 0;
  }

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
