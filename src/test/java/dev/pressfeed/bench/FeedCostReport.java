package dev.pressfeed.bench;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What each public read, and the editor's POST, costs in DynamoDB calls and bytes, through the
 * real request path: HTTP → local gateway → handler → {@link DynamoReleaseStore} → dynalite,
 * with 100 releases stored; then the Lambda package's size and contents ({@link LambdaPackage}). Counts and sizes, not times: they are the same on every machine and they are what
 * DynamoDB bills and API Gateway ships.
 *
 * <p>Needs dynalite: {@code mvn -Pbench verify} installs it and sets {@code pressfeed.testTools}
 * (or set {@code DYNAMODB_ENDPOINT}).
 */
public final class FeedCostReport {

  private static final int RELEASES = 100;
  private static final List<String> FEEDS = List.of("/feed.rss", "/feed.atom", "/feed.json");

  private FeedCostReport() {}

  public static void main(String[] args) throws Exception {
    CallMeter meter = new CallMeter();
    String table = "bench-" + UUID.randomUUID();
    // Closed in reverse order, so the dynalite process is stopped even when a step fails.
    try (Dynalite.Server server = Dynalite.Server.start();
        DynamoDbClient client = server.clientBuilder()
            .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build()) {
      DynamoClients.createTableIfMissing(client, table);
      try {
        report(new DynamoReleaseStore(client, table), meter);
      } finally {
        // Only matters against a DYNAMODB_ENDPOINT that outlives this run.
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }

  private static void report(DynamoReleaseStore store, CallMeter meter) throws Exception {
    try (RunningGateway api = new RunningGateway(store);
        RunningGateway widest = new RunningGateway(store, Map.of("FEED_SIZE", "100"))) {
      String firstId = null;
      for (int n = RELEASES - 1; n >= 0; n--) {
        // Oldest first, as a newsroom posts them.
        Reply posted = api.post(Newsdesk.requestBody(n));
        if (posted.status() != 201) {
          throw new IllegalStateException("POST /releases answered " + posted.status() + ": " + posted.text());
        }
        firstId = posted.json().get("id").asText();
      }

      List<String[]> rows = new ArrayList<>();
      List<String> routes = new ArrayList<>(FEEDS);
      routes.add("/releases");
      routes.add("/releases/" + firstId);
      Figures figures = Figures.of("cost");
      for (String route : routes) {
        Reply full = measure(meter, rows, route, "full", () -> api.get(route));
        measure(meter, rows, route, "If-None-Match", () -> api.get(route, "If-None-Match", full.header("ETag")));
        if (route.equals("/feed.rss")) {
          figures.put("rss304.items", meter.calls().stream().mapToInt(CallMeter.Call::items).sum());
        }
      }
      // The editor's write: a new release with an Idempotency-Key, then the client's retry of it.
      String body = Newsdesk.requestBody(RELEASES);
      String key = UUID.randomUUID().toString();
      measure(meter, rows, "POST /releases", "new, Idempotency-Key", () -> api.post(body, "Idempotency-Key", key));
      measure(meter, rows, "POST /releases", "retry, same key", () -> api.post(body, "Idempotency-Key", key));
      System.out.println();
      System.out.println("DynamoDB cost per request, " + RELEASES + " releases stored, FEED_SIZE=20 (default)");
      Table.print(List.of("route", "request", "status", "DynamoDB calls", "items read",
          "DynamoDB bytes", "body bytes"), rows);
      System.out.println("items read: items DynamoDB returned (a write returns none); DynamoDB bytes: its"
          + " responses' Content-Length; \"failed\": an error answer (a conditional write that lost), billed too");

      List<String[]> sizes = new ArrayList<>();
      for (String feed : FEEDS) {
        measure(meter, sizes, feed, "FEED_SIZE=20", () -> api.get(feed));
      }
      for (String feed : FEEDS) {
        measure(meter, sizes, feed, "FEED_SIZE=100", () -> widest.get(feed));
      }
      System.out.println();
      System.out.println("Feed sizes through the gateway (full GET)");
      Table.print(List.of("route", "config", "status", "DynamoDB calls", "items read",
          "DynamoDB bytes", "body bytes"), sizes);
      System.out.println();
      LambdaPackage.report(figures);
      figures.save();
    }
  }

  private static Reply measure(CallMeter meter, List<String[]> rows, String route, String request,
      Supplier<Reply> send) {
    meter.reset();
    Reply reply = send.get();
    List<CallMeter.Call> calls = meter.calls();
    String operations = calls.isEmpty() ? "0" : calls.size() + " (" + calls.stream()
        .map(c -> c.failed() ? c.operation() + " failed" : c.operation()).collect(Collectors.joining(", ")) + ")";
    int items = calls.stream().mapToInt(CallMeter.Call::items).sum();
    // -1 from the meter means the response had no Content-Length; say so rather than add it.
    boolean known = calls.stream().allMatch(c -> c.bytes() >= 0);
    long bytes = calls.stream().mapToLong(CallMeter.Call::bytes).sum();
    rows.add(new String[] {route.startsWith("/releases/") ? "/releases/{id}" : route, request,
        Integer.toString(reply.status()), operations, Integer.toString(items),
        known ? Long.toString(bytes) : "n/a", Integer.toString(reply.body().length)});
    return reply;
  }
}
