package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line per request — method, path, status, milliseconds — and nothing a client sent in secret. */
class RequestLogTest {

  @TempDir Path data;

  @Test
  void eachRequestIsOneLineWithoutQueryOrHeaderValues() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(data)) {
      Application application = new Application(Config.from(Map.of()), store,
          new TestClock(Instant.parse("2026-11-26T09:00:00Z")));
      LocalGateway gateway = new LocalGateway(application, RunningGateway.TOKEN,
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LocalGateway.Limits.LAPTOP, log);
      gateway.start();
      try {
        int port = gateway.port();
        String secretHeaders = "Authorization: Bearer " + RunningGateway.TOKEN + "\r\nCookie: session=cookie-secret\r\n";
        RawHttp.exchange(port, "POST /releases HTTP/1.1\r\nHost: 127.0.0.1\r\n" + secretHeaders
            + "Content-Type: application/json\r\nIdempotency-Key: key-secret\r\n", RunningGateway.seedJson());
        RawHttp.exchange(port, "GET /releases?tag=query-secret&cursor=cursor-secret HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + secretHeaders + "Connection: close\r\n\r\n");
        RawHttp.exchange(port, "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.exchange(port, "GARBAGE\r\n\r\n");
      } finally {
        gateway.close();
      }
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    System.out.println(text);
    assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).matches("[A-Z]+ \\S+ \\d{3} \\d+ ms"));
    assertThat(lines.get(0)).startsWith("POST /releases 201 ");
    assertThat(lines.get(1)).startsWith("GET /releases 400 "); // the cursor is not one the API gave
    assertThat(lines.get(2)).startsWith("GET /nowhere 404 ");
    assertThat(lines.get(3)).contains(" 400 ");
    assertThat(text).doesNotContain(RunningGateway.TOKEN).doesNotContain("secret");
  }
}
