package dev.pressfeed.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of the Lambda Runtime API (version 2018-06-01) a runtime client uses, on a free
 * loopback port: a runtime pointed at it with {@code AWS_LAMBDA_RUNTIME_API=}{@link #address()}
 * polls {@code GET /runtime/invocation/next}, which hands out the events {@link #invoke} queues,
 * and posts each answer to {@code /runtime/invocation/{id}/response} or {@code /error}. An
 * {@code /runtime/init/error} is kept and fails every waiting and later invocation.
 */
public final class RuntimeApiStandIn implements AutoCloseable {

  private static final String PREFIX = "/2018-06-01/runtime/";
  /** The function timeout the deadline header announces unless told (template.yaml: Timeout: 10). */
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(10);

  /** What the runtime posted for one invocation: its response, or an error of some type. */
  public record Outcome(String body, Optional<String> errorType) {
    public boolean isError() {
      return errorType.isPresent();
    }
  }

  private record Invocation(String requestId, byte[] event) {}

  private final String functionArn;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "runtime-api-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
  private final Duration functionTimeout;
  private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
  private volatile String initError;
  private volatile boolean closed;
  private volatile long firstPollNanos;

  private RuntimeApiStandIn(String functionArn, Duration functionTimeout) throws IOException {
    this.functionTimeout = functionTimeout;
    this.functionArn = functionArn;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PREFIX, this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts a stand-in for the function with this ARN (sent as the invoked function ARN). */
  public static RuntimeApiStandIn start(String functionArn) {
    return start(functionArn, FUNCTION_TIMEOUT);
  }

  /** A stand-in whose deadline header announces {@code functionTimeout} (the function's own). */
  public static RuntimeApiStandIn start(String functionArn, Duration functionTimeout) {
    try {
      return new RuntimeApiStandIn(functionArn, functionTimeout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Waits until the runtime has initialised (its first poll for an invocation).
   *
   * @throws IllegalStateException on an init error or when the time is up
   */
  public void awaitInitialised(Duration timeout) throws InterruptedException {
    try {
      firstPoll.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the runtime did not poll for an invocation within " + timeout);
    }
  }

  /** Queues the event for the runtime and waits for what it posts back. */
  public Outcome invoke(String eventJson, Duration timeout) throws InterruptedException, TimeoutException {
    String requestId = UUID.randomUUID().toString();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    pending.put(requestId, outcome);
    if (initError != null) {
      outcome.completeExceptionally(new IllegalStateException("init error: " + initError));
    }
    queue.add(new Invocation(requestId, eventJson.getBytes(StandardCharsets.UTF_8)));
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pending.remove(requestId);
    }
  }

  /**
   * {@link System#nanoTime()} of the runtime's first poll: the end of its init phase (JVM
   * start, runtime client, handler class loaded and constructed); 0 before it.
   */
  public long firstPollNanos() {
    return firstPollNanos;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
        String body = read(exchange);
        initError = errorType(exchange).orElse("(no type)") + " " + body;
        firstPoll.completeExceptionally(new IllegalStateException("init error: " + initError));
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("init error: " + initError)));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST") && path.startsWith(PREFIX + "invocation/")
          && (path.endsWith("/response") || path.endsWith("/error"))) {
        String rest = path.substring((PREFIX + "invocation/").length());
        String requestId = rest.substring(0, rest.lastIndexOf('/'));
        boolean error = rest.endsWith("/error");
        String body = read(exchange);
        CompletableFuture<Outcome> outcome = pending.get(requestId);
        if (outcome == null) {
          reply(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        outcome.complete(new Outcome(body, error ? Optional.of(errorType(exchange).orElse("(no type)")) : Optional.empty()));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
      }
    }
  }

  /** Blocks until an event is queued, as the real API does between invocations. */
  private void next(HttpExchange exchange) throws IOException {
    if (!firstPoll.isDone()) {
      firstPollNanos = System.nanoTime();
    }
    firstPoll.complete(null);
    Invocation invocation = null;
    try {
      while (invocation == null && !closed) {
        invocation = queue.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null) {
      reply(exchange, 500, "{\"errorMessage\":\"stand-in closed\",\"errorType\":\"ServiceException\"}");
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms",
        Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000001;Sampled=0");
    exchange.sendResponseHeaders(200, invocation.event().length);
    exchange.getResponseBody().write(invocation.event());
  }

  private static Optional<String> errorType(HttpExchange exchange) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
  }

  private static String read(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
