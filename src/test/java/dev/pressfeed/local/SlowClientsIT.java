package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.local.RawHttp.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cost one connection each, not the server: 64 stalled connections of each kind
 * that stopped the JDK server (16 threads, no time limit) for everyone, held at once, while
 * other clients' GETs are answered within a second each; then the limits close every one
 * (headers trickled a byte a second too, which no idle timeout ends).
 */
class SlowClientsIT {

  private static final int EACH = 64;
  private static final long LIMIT_MILLIS = LocalGateway.Limits.LAPTOP.requestTime().toMillis();

  /** What a stalled client sent before it stopped sending. */
  enum Stall {
    REQUEST_LINE("GET /releases?tag=sm"),
    // The chunk announces 16 bytes, 8 arrive; the body never ends.
    CHUNKED_BODY("POST /releases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + RunningGateway.TOKEN
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"title\""),
    SHORT_BODY("POST /releases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + RunningGateway.TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"title\":"),
    // Headers a byte a second: never idle, so only the request time limit ends them.
    TRICKLED_HEADERS("GET /releases HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

    final String sent;

    Stall(String sent) {
      this.sent = sent;
    }
  }

  /** When (ms after it was opened) the gateway ended a stalled connection, and what it said. */
  record Ended(Stall kind, long afterMillis, String answer) {}

  @TempDir Path data;

  @Test
  void stalledClientsCostAConnectionEachNotTheServer() throws Exception {
    ExecutorService watchers = Executors.newFixedThreadPool(EACH * Stall.values().length);
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (RunningGateway api = RunningGateway.embedded(data)) {
      assertThat(api.post(RunningGateway.seedJson()).status()).isEqualTo(201);
      List<Future<Ended>> stalled = new ArrayList<>();
      List<Socket> sockets = new ArrayList<>();
      long firstOpened = System.nanoTime();
      for (Stall kind : Stall.values()) {
        for (int i = 0; i < EACH; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port());
          sockets.add(socket);
          long opened = System.nanoTime();
          socket.getOutputStream().write(kind.sent.getBytes(StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
          stalled.add(watchers.submit(() -> watch(kind, socket, opened)));
          if (kind == Stall.TRICKLED_HEADERS) {
            trickle.scheduleAtFixedRate(() -> {
              try {
                socket.getOutputStream().write('a');
              } catch (IOException closed) {
                // the gateway ended it
              }
            }, 1, 1, TimeUnit.SECONDS);
          }
        }
      }

      // Others keep being served while all 192 are held: one GET every 250 ms through the window.
      List<Long> latencies = new ArrayList<>();
      System.out.printf("%d stalled connections opened in %d ms%n", stalled.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstOpened));
      while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstOpened) < LIMIT_MILLIS - 1500) {
        long sent = System.nanoTime();
        Answer answer = RawHttp.exchange(api.port(), "GET /releases HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        assertThat(answer.status()).isEqualTo(200);
        Thread.sleep(250);
      }
      long stillOpen = stalled.stream().filter(f -> !f.isDone()).count();

      List<Ended> ended = new ArrayList<>();
      for (Future<Ended> f : stalled) {
        ended.add(f.get(LIMIT_MILLIS + 20_000, TimeUnit.MILLISECONDS));
      }
      sockets.forEach(RawHttpSockets::closeQuietly);

      System.out.printf("%d GETs while %d stalled connections were held: max %d ms, median %d ms%n",
          latencies.size(), stalled.size(), latencies.stream().mapToLong(Long::longValue).max().orElse(0),
          latencies.stream().sorted().toList().get(latencies.size() / 2));
      System.out.printf("still open when the GETs ended: %d of %d%n", stillOpen, stalled.size());
      for (Stall kind : Stall.values()) {
        List<Long> closes = ended.stream().filter(e -> e.kind() == kind).map(Ended::afterMillis).sorted().toList();
        System.out.printf("%-12s x%d closed after %.1f / %.1f / %.1f s (min / median / max); answers: %s%n",
            kind, closes.size(), closes.get(0) / 1000.0, closes.get(closes.size() / 2) / 1000.0,
            closes.get(closes.size() - 1) / 1000.0,
            ended.stream().filter(e -> e.kind() == kind).map(Ended::answer).distinct().toList());
      }

      assertThat(latencies).hasSizeGreaterThan(10).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
      assertThat(stillOpen).as("stalled connections still held after the GETs").isEqualTo(stalled.size());
      for (Ended e : ended) {
        // Closed by the limit: not before it, and within the sweep and scheduling slack after it.
        assertThat(e.afterMillis()).as(e.kind().name()).isBetween(LIMIT_MILLIS - 500, LIMIT_MILLIS + 4000);
        // A stalled body is answered 408; a request whose headers never ended has nothing to answer.
        assertThat(e.answer()).as(e.kind().name())
            .isEqualTo(e.kind().name().endsWith("BODY") ? "408 problem" : "none");
      }
    } finally {
      trickle.shutdownNow();
      watchers.shutdownNow();
    }
  }

  /** Reads until the gateway closes the connection; a stalled client sends nothing more. */
  private static Ended watch(Stall kind, Socket socket, long opened) throws IOException {
    socket.setSoTimeout((int) LIMIT_MILLIS + 15_000);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // closed with unread input: a reset is a close too
    }
    long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
    if (got.size() == 0) {
      return new Ended(kind, after, "none");
    }
    Answer answer = Answer.parse(got.toByteArray());
    answer.problem();
    return new Ended(kind, after, answer.status() + " problem");
  }

  /** Sockets the test opened, closed whatever state they are in. */
  private static final class RawHttpSockets {
    static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
