package dev.pressfeed.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.TestClock;
import dev.pressfeed.release.ReleaseStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A local gateway on a free loopback port over a given store, and an HTTP client that talks to
 * it the way curl would. Everything a test sends goes HTTP → event JSON → Lambda serialisation
 * → handler → store and back.
 */
public final class RunningGateway implements AutoCloseable {

  public static final String TOKEN = "test-editor-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  public final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
  private final LocalGateway gateway;
  private AutoCloseable ownedStore;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  public RunningGateway(ReleaseStore store) throws IOException {
    this(store, Map.of());
  }

  public RunningGateway(ReleaseStore store, Map<String, String> env) throws IOException {
    Application application = new Application(Config.from(env), store, clock);
    // The request log is the console's; tests that read it build their own gateway.
    gateway = new LocalGateway(application, TOKEN, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        LocalGateway.Limits.LAPTOP, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    gateway.start();
    base = "http://127.0.0.1:" + gateway.port();
  }

  /** A gateway over a new embedded store in {@code directory}; closing it closes the store. */
  public static RunningGateway embedded(java.nio.file.Path directory) throws IOException {
    dev.pressfeed.store.embedded.EmbeddedReleaseStore store =
        dev.pressfeed.store.embedded.EmbeddedReleaseStore.open(directory);
    RunningGateway gateway = new RunningGateway(store);
    gateway.ownedStore = store;
    return gateway;
  }

  public String base() {
    return base;
  }

  public int port() {
    return gateway.port();
  }

  /** The real seed release (German, with quote, contacts, links and boilerplate). */
  public static String seedJson() {
    try (InputStream in = RunningGateway.class.getResourceAsStream("/seed-release.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed release with some fields replaced ({@code null} removes a field). */
  public static String seedWith(Map<String, Object> changes) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(seedJson());
      changes.forEach((k, v) -> {
        if (v == null) {
          node.remove(k);
        } else {
          node.set(k, JSON.valueToTree(v));
        }
      });
      return node.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public Reply editor(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + TOKEN;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), all);
  }

  /** Posts a release as an editor (JSON) and returns the reply. */
  public Reply post(String json, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return editor("POST", "/releases", json, all);
  }

  public Reply send(String method, String path, byte[] body, String... headers) {
    return exchange(client, HttpRequest.newBuilder(URI.create(base + path)), method, body, headers);
  }

  /**
   * One request through {@code client}, headers given as name, value pairs; the answer's bytes
   * as they came (no decompression). For harnesses that drive gateways of their own.
   */
  public static Reply exchange(HttpClient client, HttpRequest.Builder request, String method, byte[] body,
      String... headers) {
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a request line as given, byte for byte (what {@link java.net.URI} would refuse), and
   * returns the status code.
   */
  public int rawStatus(String method, String target) {
    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
      socket.getOutputStream().write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    gateway.close();
    if (ownedStore != null) {
      try {
        ownedStore.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What came back: status, headers (lower-case names), body. */
  public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }
  }
}
