package dev.pressfeed.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * CloudFront's invalidation API (REST-XML, version 2020-05-31) on loopback: CreateInvalidation
 * ({@code POST /2020-05-31/distribution/{Id}/invalidation}, answered 201) and GetInvalidation
 * ({@code GET …/invalidation/{InvId}}). It parses each create's XML body as CloudFront would (a
 * malformed one gets 400 MalformedInput), records every call, answers {@code InProgress} for as
 * many looks as told and then {@code Completed}, and can fail the next calls (500, throttling).
 * A repeated CallerReference gets the invalidation it started, as CloudFront's does.
 */
public final class StandInCloudFront implements AutoCloseable {

  static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
  private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
  private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");

  /** One call as received; for a create, the batch it carried. */
  public record Call(String method, String distribution, String invalidation, String callerReference,
      int quantity, List<String> paths, String authorization, long receivedNanos) {}

  private record Started(String id, Instant created, AtomicInteger looksLeft) {}

  private final HttpServer server;
  private final Clock clock;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  private final Map<String, Started> byReference = new ConcurrentHashMap<>();
  private final Map<String, Started> byId = new ConcurrentHashMap<>();
  private volatile int inProgressLooks;

  private StandInCloudFront(Clock clock) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/2020-05-31/", exchange -> {
      try {
        handle(exchange);
      } catch (RuntimeException e) {
        answer(exchange, 500, error("InternalError", e.toString()));
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** @param clock what each invalidation's CreateTime is taken from (the notifier's clock) */
  public static StandInCloudFront start(Clock clock) {
    try {
      return new StandInCloudFront(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SDK's own client, pointed here with dummy keys. */
  public CloudFrontEdgeCache edge(String distribution, java.time.Duration keeps) {
    return new CloudFrontEdgeCache(distribution, keeps, () -> CloudFrontEdgeCache.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build());
  }

  /** Each new invalidation is InProgress for this many GetInvalidations, then Completed. */
  public void inProgressFor(int looks) {
    inProgressLooks = looks;
  }

  /** The next calls fail with these statuses (500: InternalError; 400: Throttling), in order. */
  public void fail(int... statuses) {
    for (int status : statuses) {
      failures.add(status);
    }
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> creates() {
    return calls.stream().filter(c -> c.method().equals("POST")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher get = GET.matcher(path);
    Matcher create = CREATE.matcher(path);
    if (method.equals("GET") && get.matches()) {
      calls.add(new Call("GET", get.group(1), get.group(2), null, 0, List.of(), authorization, System.nanoTime()));
      if (failed(exchange)) {
        return;
      }
      Started started = byId.get(get.group(2));
      if (started == null) {
        answer(exchange, 404, error("NoSuchInvalidation", "no invalidation " + get.group(2)));
        return;
      }
      boolean done = started.looksLeft().getAndDecrement() <= 0;
      answer(exchange, 200, invalidation(started, done ? "Completed" : "InProgress"));
    } else if (method.equals("POST") && create.matches()) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Element batch;
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        batch = document.getDocumentElement();
        if (!"InvalidationBatch".equals(batch.getLocalName()) || !NS.equals(batch.getNamespaceURI())) {
          throw new IllegalArgumentException("root " + batch.getTagName() + " in " + batch.getNamespaceURI());
        }
      } catch (Exception e) {
        calls.add(new Call("POST", create.group(1), null, null, -1, List.of(), authorization, System.nanoTime()));
        answer(exchange, 400, error("MalformedInput", e.toString()));
        return;
      }
      String reference = text(batch, "CallerReference");
      Element paths = (Element) batch.getElementsByTagNameNS(NS, "Paths").item(0);
      int quantity = Integer.parseInt(text(paths, "Quantity"));
      List<String> items = new ArrayList<>();
      NodeList pathNodes = paths.getElementsByTagNameNS(NS, "Path");
      for (int i = 0; i < pathNodes.getLength(); i++) {
        items.add(pathNodes.item(i).getTextContent());
      }
      calls.add(new Call("POST", create.group(1), null, reference, quantity, items, authorization, System.nanoTime()));
      if (failed(exchange)) {
        return;
      }
      if (quantity != items.size() || reference.isEmpty()) {
        answer(exchange, 400, error("InvalidArgument", "Quantity " + quantity + " for " + items.size() + " paths"));
        return;
      }
      Started started = byReference.computeIfAbsent(reference, r -> {
        Started fresh = new Started("I" + (byId.size() + 1) + "STANDIN", clock.instant(), new AtomicInteger(inProgressLooks));
        byId.put(fresh.id(), fresh);
        return fresh;
      });
      exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort()
          + path + "/" + started.id());
      answer(exchange, 201, invalidation(started, "InProgress", items, reference));
    } else {
      answer(exchange, 404, error("NotFound", method + " " + path));
    }
  }

  private boolean failed(HttpExchange exchange) throws IOException {
    Integer status = failures.poll();
    if (status == null) {
      return false;
    }
    answer(exchange, status, status == 400 ? error("Throttling", "Rate exceeded")
        : error("InternalError", "stand-in told to fail"));
    return true;
  }

  private static String text(Element parent, String name) {
    return parent.getElementsByTagNameNS(NS, name).item(0).getTextContent();
  }

  private static String invalidation(Started started, String status) {
    return invalidation(started, status, List.of(CloudFrontEdgeCache.PATH), "ref");
  }

  private static String invalidation(Started started, String status, List<String> paths, String reference) {
    StringBuilder items = new StringBuilder();
    paths.forEach(p -> items.append("<Path>").append(p).append("</Path>"));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invalidation xmlns=\"" + NS + "\"><Id>" + started.id()
        + "</Id><Status>" + status + "</Status><CreateTime>" + started.created() + "</CreateTime>"
        + "<InvalidationBatch><Paths><Quantity>" + paths.size() + "</Quantity><Items>" + items
        + "</Items></Paths><CallerReference>" + reference + "</CallerReference></InvalidationBatch></Invalidation>";
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>"
        + "<RequestId>stand-in</RequestId></ErrorResponse>";
  }

  private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.getResponseHeaders().add("x-amz-request-id", "stand-in");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
