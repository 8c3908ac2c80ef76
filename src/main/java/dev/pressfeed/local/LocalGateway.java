package dev.pressfeed.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.pressfeed.Application;
import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.Problem;
import dev.pressfeed.http.Request;
import dev.pressfeed.http.Response;
import dev.pressfeed.http.Router;
import dev.pressfeed.lambda.EditorHandler;
import dev.pressfeed.lambda.FeedHandler;
import dev.pressfeed.lambda.PagesHandler;
import dev.pressfeed.lambda.ReleasesHandler;
import dev.pressfeed.push.Notifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * API Gateway on a laptop: routes each request, by the same route keys as
 * {@code template.yaml}, to the handler class that serves it on Lambda, and authorises editor
 * routes as the JWT authorizer would.
 *
 * <p>Jetty reads requests without a thread per connection: a client that stalls in its
 * headers or its body holds a connection until a {@link Limits limit} closes it, never one of
 * the threads that serve everyone else.
 */
public final class LocalGateway implements AutoCloseable {

  /** The claims a JWT authorizer would pass for the local editor. */
  static final Map<String, String> LOCAL_EDITOR_CLAIMS = Map.of(
      "sub", "local-editor",
      "cognito:groups", "[editors]",
      "iss", "http://127.0.0.1/local-gateway",
      "token_use", "access");

  /**
   * What one client may cost.
   *
   * @param requestTime  the headers must arrive within this of their first byte, and the body
   *                     within this of the headers; then the connection is closed (408 for a body)
   * @param idleTime     a connection that sends nothing for this long is closed
   * @param threads      the pool that runs handlers; stalled clients hold none of it
   * @param connections  open connections at most; past it, new ones wait in the accept queue
   */
  public record Limits(Duration requestTime, Duration idleTime, int threads, int connections) {
    /**
     * A laptop's numbers: a 256 KiB body on loopback takes milliseconds, so 10 s is generous
     * to any real client and short for one that stalls; 1 024 connections leave room for a few
     * hundred stalled ones beside a feed reader. The idle limit is longer than the request
     * limit so that a stalled body meets the deadline (and its 408) before the idle close.
     */
    public static final Limits LAPTOP = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(15), 32, 1024);
  }

  /**
   * A body past the limit is still read (and dropped) up to this many bytes, so the client sees
   * the 413 rather than a reset; a larger one is refused at once and the connection closed.
   */
  static final long DRAINED_BYTES = 4L * EditorApi.MAX_BODY_BYTES;

  /** A local notifier round sends for this long at most, then leaves the rest to the next. */
  static final Duration NOTIFIER_ROUND = Duration.ofSeconds(30);

  private final Server server;
  private final ServerConnector connector;
  private final Router routes = new Router();
  private final Map<String, Mounted> handlers = new HashMap<>();
  private final EventBridge bridge = new EventBridge();
  private final byte[] editorToken;
  private final Limits limits;
  private final ScheduledExecutorService deadlines;
  private final HeaderDeadline headerDeadline;
  private final PrintStream log;
  private final Application application;
  /** Runs the notifier's rounds, when a hub is set; started with the gateway. */
  private ScheduledExecutorService notifier;

  public LocalGateway(Application application, String editorToken, InetSocketAddress address) {
    this(application, editorToken, address, Limits.LAPTOP, System.out);
  }

  /** {@code log} receives one line per request: method, path, status, milliseconds. */
  public LocalGateway(Application application, String editorToken, InetSocketAddress address,
      Limits limits, PrintStream log) {
    this.editorToken = editorToken.getBytes(StandardCharsets.UTF_8);
    this.application = application;
    this.limits = limits;
    this.log = log;
    ReleasesHandler releases = new ReleasesHandler(application);
    FeedHandler feeds = new FeedHandler(application);
    PagesHandler pages = new PagesHandler(application);
    EditorHandler editor = new EditorHandler(application);
    mount(releases, releases.routes(), false);
    mount(pages, pages.routes(), false);
    mount(feeds, feeds.routes(), false);
    mount(editor, editor.routes(), true);

    QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), 2);
    pool.setName("gateway");
    server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(ProblemErrors.HEADER_BYTES);
    // Routes match the raw path, as on API Gateway; Jetty's decoded path is never used. So an
    // odd escape or an empty segment reaches the router and gets its 404, as on Lambda, instead
    // of Jetty's refusal of paths it would find ambiguous to decode.
    http.setUriCompliance(UriCompliance.from(EnumSet.of(
        UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
        UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.UTF16_ENCODINGS,
        UriCompliance.Violation.BAD_UTF8_ENCODING, UriCompliance.Violation.TRUNCATED_UTF8_ENCODING,
        UriCompliance.Violation.BAD_PERCENT_ENCODING, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS)));
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTime().toMillis());
    deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "gateway-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    headerDeadline = new HeaderDeadline(limits.requestTime());
    connector.addBean(headerDeadline);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.connections(), connector));
    server.setErrorHandler(new ProblemErrors());
    server.setRequestLog(new RequestLine(log));
    server.setHandler(new Gate());
    // Stopping closes open connections at once: a laptop's gateway has no traffic to drain.
    server.setStopTimeout(0);
  }

  /** Binds the address and starts serving; a busy or forbidden address is an {@link IOException}. */
  public void start() throws IOException {
    try {
      server.start();
    } catch (IOException e) {
      close();
      throw e;
    } catch (Exception e) {
      close();
      throw new IOException("the gateway did not start", e);
    }
    long period = Math.max(50, limits.requestTime().toMillis() / 20);
    deadlines.scheduleWithFixedDelay(headerDeadline, period, period, TimeUnit.MILLISECONDS);
    application.notifier(Optional.of("http://" + domainName())).ifPresent(this::startNotifier);
  }

  /**
   * WebSub pings leave from a thread of their own: a round every second (an embargo that ends
   * is pinged within seconds, with nobody reading), and one right after each editor write that
   * queued a ping. No request thread ever waits for the hub.
   */
  private void startNotifier(Notifier rounds) {
    notifier = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pressfeed-notifier");
      thread.setDaemon(true);
      return thread;
    });
    Runnable round = () -> rounds.round(NOTIFIER_ROUND, false);
    AtomicBoolean nudged = new AtomicBoolean();
    application.nudgeWith(() -> {
      if (nudged.compareAndSet(false, true)) {
        try {
          notifier.execute(() -> {
            nudged.set(false);
            round.run();
          });
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // Closing: the pings stay in the outbox for the next start.
        }
      }
    });
    notifier.scheduleWithFixedDelay(round, 0, 1, TimeUnit.SECONDS);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    if (notifier != null) {
      notifier.shutdownNow();
      try {
        // A send in flight is cut; its ping stays queued and goes after the next start.
        notifier.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("local gateway: did not stop cleanly");
    }
  }

  /** A handler behind its routes; {@code editor} routes carry the authorizer's claims. */
  private record Mounted(RequestStreamHandler handler, boolean editor) {}

  private void mount(RequestStreamHandler handler, List<String> routeKeys, boolean editor) {
    for (String key : routeKeys) {
      String[] parts = key.split(" ", 2);
      // The action is never run: the gateway only resolves routes and invokes the handler.
      routes.add(parts[0], parts[1], (request, params) -> { throw new IllegalStateException(); });
      handlers.put(key, new Mounted(handler, editor));
    }
  }

  /** The address links are built from: where the gateway listens, never a client's Host. */
  private String domainName() {
    return connector.getHost() + ":" + port();
  }

  private Response invoke(Router.Resolution route, Request request, String rawQuery, String sourceIp)
      throws IOException {
    Mounted mounted = handlers.get(route.routeKey());
    Map<String, String> claims = mounted.editor() && authorised(request) ? LOCAL_EDITOR_CLAIMS : null;
    String json = bridge.eventJson(request, route.routeKey(), rawQuery, route.params(), claims,
        sourceIp, domainName());
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

  /** Every request: its body read without holding a thread, then routed and answered. */
  private final class Gate extends Handler.Abstract {
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request,
        org.eclipse.jetty.server.Response response, Callback callback) {
      if (request.getLength() > DRAINED_BYTES) {
        // Refused before a byte of it is read; the connection closes, as the rest is unread.
        answer(request, response, callback, Problem.tooLarge(EditorApi.MAX_BODY_BYTES).toResponse(), true);
        return true;
      }
      new Exchange(request, response, callback).run();
      return true;
    }
  }

  /**
   * One request's body, read chunk by chunk as it arrives: between chunks no thread waits.
   * Settles once: served, refused (413, 400) or expired (408), whichever comes first.
   */
  private final class Exchange implements Runnable {
    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long received;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;

    Exchange(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
        Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.deadline = deadlines.schedule(this::expire, limits.requestTime().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
      while (!settled.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          refuse(problemFor(chunk.getFailure()), true);
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        boolean last = chunk.isLast();
        if (received + bytes.remaining() > EditorApi.MAX_BODY_BYTES) {
          // Too large: the rest is read and dropped (up to a bound) before the 413, because a
          // client still sending when the connection closes would lose the answer to a reset.
          received += bytes.remaining();
          chunk.release();
          body.reset();
          if (last || received > DRAINED_BYTES) {
            refuse(Problem.tooLarge(EditorApi.MAX_BODY_BYTES), !last);
            return;
          }
          continue;
        }
        received += bytes.remaining();
        byte[] part = new byte[bytes.remaining()];
        bytes.get(part);
        body.writeBytes(part);
        chunk.release();
        if (last) {
          if (settled.compareAndSet(false, true)) {
            deadline.cancel(false);
            serve();
          }
          return;
        }
      }
    }

    private void expire() {
      refuse(Problem.protocol(408, "Request timeout",
          "The request body did not arrive within " + limits.requestTime().toSeconds() + " s."), true);
    }

    /** {@code close}: the body was not read to its end, so the connection cannot carry another request. */
    private void refuse(Problem problem, boolean close) {
      if (settled.compareAndSet(false, true)) {
        deadline.cancel(false);
        answer(request, response, callback, problem.toResponse(), close);
      }
    }

    private void serve() {
      Request mapped;
      try {
        mapped = new Request(request.getMethod(), request.getHttpURI().getPath(),
            query(request.getHttpURI().getQuery()), headers(request.getHeaders()), body.toByteArray(),
            Optional.empty(), "");
      } catch (Problem.ProblemException e) {
        answer(request, response, callback, e.problem().toResponse(), false);
        return;
      }
      Router.Resolution route = routes.resolve(mapped.method(), mapped.path());
      Response answer;
      try {
        answer = route.problem() != null ? route.problem().toResponse()
            : invoke(route, mapped, request.getHttpURI().getQuery(),
                org.eclipse.jetty.server.Request.getRemoteAddr(request));
      } catch (IOException | RuntimeException e) {
        System.err.println("local gateway: the handler failed on " + mapped.method() + " " + route.routeKey()
            + ": " + e.getClass().getSimpleName());
        answer = Problem.internal().toResponse();
      }
      answer(request, response, callback, answer, false);
    }
  }

  /** What a failed body read means for the client: its own framing, or its own slowness. */
  static Problem problemFor(Throwable failure) {
    if (failure instanceof HttpException http && http.getCode() == 413) {
      return Problem.tooLarge(EditorApi.MAX_BODY_BYTES);
    }
    if (failure instanceof TimeoutException) {
      return Problem.protocol(408, "Request timeout", "The request body stopped arriving.");
    }
    return Problem.badRequest("The request body could not be read: check its Content-Length or chunked framing.");
  }

  /**
   * Writes an answer. HEAD gets GET's headers (with the length GET's body would have) and no
   * body; {@code close} ends the connection, for a request whose body was not read to its end.
   */
  static void answer(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
      Callback callback, Response answer, boolean close) {
    response.setStatus(answer.status());
    HttpFields.Mutable headers = response.getHeaders();
    answer.headers().forEach(headers::put);
    int status = answer.status();
    boolean bodiless = status == 204 || status == 304 || status < 200;
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    byte[] body = answer.body();
    if (!bodiless && !(head && body.length == 0 && headers.contains(HttpHeader.CONTENT_LENGTH))) {
      headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    }
    if (close) {
      headers.put(HttpHeader.CONNECTION, "close");
    }
    // Jetty sends no body for HEAD whatever is written; writing GET's keeps Content-Length true.
    response.write(true, bodiless ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }

  private static Map<String, String> headers(HttpFields fields) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField field : fields) {
      headers.merge(field.getLowerCaseName(), field.getValue() == null ? "" : field.getValue(),
          (a, b) -> a + "," + b);
    }
    return headers;
  }

  /**
   * First value of each parameter; API Gateway joins repeats with commas, and so do we. A
   * malformed %-escape is refused with 400 naming the parameter, rather than read as absent:
   * a filter silently dropped would answer the unfiltered list as if it were the filtered one.
   */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      query.merge(name, value, (a, b) -> a + "," + b);
    }
    return query;
  }

  private static String decode(String raw, String parameter) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      String which = parameter == null ? "A query parameter's name" : "The query parameter '"
          + (parameter.length() > 40 ? parameter.substring(0, 40) + "…" : parameter) + "'";
      throw Problem.badRequest(which + " has a malformed %-escape: write '%' as '%25' and other "
          + "bytes as '%' and two hex digits.").raise();
    }
  }

  /**
   * Starts the gateway on {@code 127.0.0.1:PORT} (3000): the embedded store in
   * {@code PRESSFEED_DATA_DIR} ({@code ./data}), or DynamoDB at {@code DYNAMODB_ENDPOINT}; the
   * editor token from {@code PRESSFEED_EDITOR_TOKEN}, or a new one printed once. A start that
   * fails says why in one line on stderr, naming the setting to change, and exits with 2.
   */
  public static void main(String[] args) {
    try {
      Startup.run();
    } catch (Startup.Failure e) {
      System.err.println("pressfeed: " + e.getMessage());
      System.exit(2);
    }
  }
}
