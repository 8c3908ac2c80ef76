package dev.pressfeed.push;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A WebSub hub on loopback that records each publish {@code POST}'s form and answers as told:
 * 204 unless given statuses to answer first, or frozen (the handler waits, up to 30 s, as a hung
 * hub would).
 */
public final class StandInHub implements AutoCloseable {

  /** One POST as the hub received it. */
  public record Post(String contentType, Map<String, List<String>> form, long receivedNanos) {
    public String mode() {
      return form.getOrDefault("hub.mode", List.of()).stream().findFirst().orElse(null);
    }

    public List<String> urls() {
      return form.getOrDefault("hub.url", List.of());
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "stand-in-hub");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private volatile CountDownLatch frozen;

  private StandInHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/hub", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      posts.add(new Post(exchange.getRequestHeaders().getFirst("Content-Type"),
          form(new String(body, StandardCharsets.US_ASCII)), System.nanoTime()));
      CountDownLatch latch = frozen;
      if (latch != null) {
        try {
          latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Integer status = statuses.poll();
      exchange.sendResponseHeaders(status == null ? 204 : status, -1);
      exchange.close();
    });
    server.start();
  }

  public static StandInHub start() {
    try {
      return new StandInHub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hub URL where nothing listens: a port that was free a moment ago. */
  public static String nowhere() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/hub";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
  }

  /** The next POSTs get these statuses, in order; then 204 again. */
  public void answer(int... next) {
    for (int status : next) {
      statuses.add(status);
    }
  }

  /** From now on every POST hangs (up to 30 s) until {@link #thaw}. */
  public void freeze() {
    frozen = new CountDownLatch(1);
  }

  public void thaw() {
    CountDownLatch latch = frozen;
    frozen = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Waits until the hub has received {@code count} POSTs; fails after {@code timeout}. */
  public List<Post> awaitPosts(int count, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (posts.size() < count) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the hub received " + posts.size() + " POSTs within " + timeout
            + ", expected " + count);
      }
      pause(20);
    }
    return posts();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, List<String>> form(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return form;
  }

  @Override
  public void close() {
    thaw();
    server.stop(0);
    threads.shutdownNow();
  }
}
