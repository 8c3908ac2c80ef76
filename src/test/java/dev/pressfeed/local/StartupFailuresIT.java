package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed says why in one line on stderr, naming the setting that changes
 * it, and exits non-zero: no stack trace (a second gateway on a busy port printed a
 * BindException trace, an unwritable ./data another). Each case runs the packaged jar.
 */
class StartupFailuresIT {

  @TempDir Path work;

  private void failsWithOneLine(Map<String, String> env, String setting) throws Exception {
    PackagedJar.Exit exit = PackagedJar.runToExit(work, env, Duration.ofSeconds(60));
    String stderr = exit.stderr().strip();
    System.out.println(env + " -> exit " + exit.code() + ": " + stderr);
    assertThat(exit.code()).as(stderr).isNotZero();
    assertThat(stderr.lines()).as(stderr).hasSize(1);
    assertThat(stderr).startsWith("pressfeed: ").contains(setting)
        .doesNotContain("Exception").doesNotContain("at ").doesNotContain("WARNING");
    assertThat(exit.stdout()).doesNotContain("Pressfeed local gateway on");
  }

  @Test
  void aBusyPortNamesPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      failsWithOneLine(Map.of("PORT", String.valueOf(taken.getLocalPort()),
          "PRESSFEED_DATA_DIR", work.resolve("data").toString()), "PORT");
    }
  }

  @Test
  void aDataDirectoryThatIsAFileNamesTheDataDirectorySetting() throws Exception {
    Path file = Files.writeString(work.resolve("not-a-directory"), "x");
    failsWithOneLine(Map.of("PRESSFEED_DATA_DIR", file.toString(), "PORT", "0"), "PRESSFEED_DATA_DIR");
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedNamesTheDataDirectorySetting() throws Exception {
    Path file = Files.writeString(work.resolve("a-file"), "x");
    failsWithOneLine(Map.of("PRESSFEED_DATA_DIR", file.resolve("data").toString(), "PORT", "0"), "PRESSFEED_DATA_DIR");
    // /proc takes no new directories, whoever runs the test (root included)
    failsWithOneLine(Map.of("PRESSFEED_DATA_DIR", "/proc/pressfeed-data", "PORT", "0"), "PRESSFEED_DATA_DIR");
  }

  @Test
  void aDataDirectoryHoldingSomethingElseNamesTheDataDirectorySetting() throws Exception {
    Path data = Files.createDirectories(work.resolve("other"));
    Files.writeString(data.resolve("pressfeed.db"), "not a database, just text that is long enough to be read");
    failsWithOneLine(Map.of("PRESSFEED_DATA_DIR", data.toString(), "PORT", "0"), "PRESSFEED_DATA_DIR");
  }

  @Test
  void wrongValuesNameTheirSetting() throws Exception {
    failsWithOneLine(Map.of("PORT", "three thousand"), "PORT");
    failsWithOneLine(Map.of("PORT", "70000"), "PORT");
    failsWithOneLine(Map.of("FEED_SIZE", "0"), "FEED_SIZE");
    failsWithOneLine(Map.of("PUBLIC_BASE_URL", "ftp://news example"), "PUBLIC_BASE_URL");
    failsWithOneLine(Map.of("DYNAMODB_ENDPOINT", "localhost:8000 please"), "DYNAMODB_ENDPOINT");
  }

  @Test
  void anUnreachableDynamoDbNamesTheEndpointSetting() throws Exception {
    int closed = PackagedJar.freePort();
    failsWithOneLine(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + closed, "PORT", "0",
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"), "DYNAMODB_ENDPOINT");
  }
}
