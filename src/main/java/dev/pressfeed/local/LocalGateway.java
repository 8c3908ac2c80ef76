package dev.pressfeed.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.lambda.EditorHandler;
import dev.pressfeed.lambda.FeedHandler;
import dev.pressfeed.lambda.ReleasesHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * API Gateway on a laptop: routes each request, by the same route keys as
 * {@code template.yaml}, to the handler class that serves it on Lambda, and authorises editor
 * routes as the JWT authorizer would.
 */
public final class LocalGateway implements AutoCloseable {

  static {
    // The JDK server leaves Nagle's algorithm on: every small reply then waits ~40 ms for the
    // client's delayed ACK. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The claims a JWT authorizer would pass for the local editor. */
  static final Map<String, String> LOCAL_EDITOR_CLAIMS = Map.of(
      "sub", "local-editor",
      "cognito:groups", "[editors]",
      "iss", "http://127.0.0.1/local-gateway",
      "token_use", "access");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Router routes = new Router();
  private final Map<String, Mounted> handlers = new HashMap<>();
  private final EventBridge bridge = new EventBridge();
  private final byte[] editorToken;

  public LocalGateway(Application application, String editorToken, InetSocketAddress address)
      throws IOException {
    this.editorToken = editorToken.getBytes(StandardCharsets.UTF_8);
    ReleasesHandler releases = new ReleasesHandler(application);
    FeedHandler feeds = new FeedHandler(application);
    EditorHandler editor = new EditorHandler(application);
    mount(releases, releases.routes(), false);
    mount(feeds, feeds.routes(), false);
    mount(editor, editor.routes(), true);
    server = HttpServer.create(address, 64);
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A handler behind its routes; {@code editor} routes carry the authorizer's claims. */
  private record Mounted(RequestStreamHandler handler, boolean editor) {}

  private void mount(RequestStreamHandler handler,
      List<String> routeKeys, boolean editor) {
    for (String key : routeKeys) {
      String[] parts = key.split(" ", 2);
      // The action is never run: the gateway only resolves routes and invokes the handler.
      routes.add(parts[0], parts[1], (request, params) -> { throw new IllegalStateException(); });
      handlers.put(key, new Mounted(handler, editor));
    }
  }

  private Response invoke(Router.Resolution route, Request request, String rawQuery, String sourceIp)
      throws IOException {
    Mounted mounted = handlers.get(route.routeKey());
    Map<String, String> claims = mounted.editor() && authorised(request) ? LOCAL_EDITOR_CLAIMS : null;
    String json = bridge.eventJson(request, route.routeKey(), rawQuery, route.params(), claims, sourceIp);
    return bridge.invoke(mounted.handler(), json);
  }

  /** Constant-time comparison of the bearer token, as an authorizer would check a signature. */
  private boolean authorised(Request request) {
    Optional<String> header = request.header("authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = header.get().substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, editorToken);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      Router.Resolution route = routes.resolve(request.method(), request.path());
      Response response;
      try {
        response = route.problem() != null ? route.problem().toResponse()
            : invoke(route, request, exchange.getRequestURI().getRawQuery(),
                exchange.getRemoteAddress().getAddress().getHostAddress());
      } catch (RuntimeException e) {
        System.err.println("local gateway: handler failed on " + request.method() + " " + request.path());
        e.printStackTrace();
        response = dev.pressfeed.http.Problem.internal().toResponse();
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      boolean noBody = response.status() == 204 || response.status() == 304
          || exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length == 0 ? -1 : response.body().length);
      if (!noBody && response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  private static Request read(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
      }
    });
    String rawQuery = exchange.getRequestURI().getRawQuery();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      // One byte past the limit is enough for the handler to answer 413; the rest is not read.
      body = in.readNBytes(EditorApi.MAX_BODY_BYTES + 1);
    }
    return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        query(rawQuery), headers, body, Optional.empty(), "");
  }

  /** First value of each parameter; API Gateway joins repeats with commas, and so do we. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.merge(name, value, (a, b) -> a + "," + b);
      } catch (IllegalArgumentException e) {
        // a malformed %-escape: the parameter is left out, like an unknown one
      }
    }
    return query;
  }

  /**
   * Starts the gateway on {@code 127.0.0.1:PORT} (3000): the embedded store under
   * {@code ./data}, or DynamoDB at {@code DYNAMODB_ENDPOINT}; the editor token from
   * {@code PRESSFEED_EDITOR_TOKEN}, or a new one printed once.
   */
  public static void main(String[] args) throws IOException {
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("pressfeed: " + e.getMessage());
      System.exit(2);
      return;
    }
    ReleaseStore store;
    String storage;
    if (config.dynamodbEndpoint().isPresent()) {
      DynamoDbClient client = DynamoClients.create(
          config.region(), config.dynamodbEndpoint(), config.credentialsInEnvironment());
      DynamoClients.createTableIfMissing(client, config.tableName());
      DynamoReleaseStore dynamo = new DynamoReleaseStore(client, config.tableName());
      // A table from before the filter index: file its releases once (see the README).
      int filed = dynamo.fileReleasesWrittenBeforeTheFilterIndex();
      if (filed >= 0) {
        System.out.println("pressfeed: filed " + filed + " published releases under their tags "
            + "and languages (once per table)");
      }
      store = dynamo;
      storage = "DynamoDB at " + config.dynamodbEndpoint().get() + ", table " + config.tableName();
    } else {
      store = EmbeddedReleaseStore.open(EmbeddedReleaseStore.DEFAULT_DIRECTORY);
      storage = "embedded store in " + EmbeddedReleaseStore.DEFAULT_DIRECTORY.toAbsolutePath();
    }
    String token = config.editorToken().orElseGet(LocalGateway::newToken);
    Application application = new Application(config, store, Clock.systemUTC());
    LocalGateway gateway = new LocalGateway(application, token,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()));
    gateway.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      if (store instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          System.err.println("pressfeed: store did not close cleanly");
        }
      }
    }));
    String url = "http://127.0.0.1:" + gateway.port();
    System.out.println("Pressfeed local gateway on " + url + " (" + storage + ")");
    System.out.println("Feeds: " + url + "/feed.rss  " + url + "/feed.atom  " + url + "/feed.json");
    if (config.editorToken().isEmpty()) {
      System.out.println("Editor token (set PRESSFEED_EDITOR_TOKEN to choose your own): " + token);
    } else {
      System.out.println("Editor token: from PRESSFEED_EDITOR_TOKEN");
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
