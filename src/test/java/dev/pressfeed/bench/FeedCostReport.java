package dev.pressfeed.bench;

import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.local.RunningGateway.Reply;
import dev.pressfeed.release.ReleaseInput;
import dev.pressfeed.store.dynamodb.CallMeter;
import dev.pressfeed.store.dynamodb.DynamoClients;
import dev.pressfeed.store.dynamodb.DynamoReleaseStore;
import dev.pressfeed.store.dynamodb.Dynalite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What each public read costs in DynamoDB calls and bytes, through the real request path:
 * HTTP → local gateway → handler → {@link DynamoReleaseStore} → dynalite, with 100 releases
 * stored. Counts and sizes, not times: they are the same on every machine and they are what
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
        Reply posted = api.post(RunningGateway.seedWith(asJsonFields(Newsdesk.input(n))));
        if (posted.status() != 201) {
          throw new IllegalStateException("POST /releases answered " + posted.status() + ": " + posted.text());
        }
        firstId = posted.json().get("id").asText();
      }

      List<String[]> rows = new ArrayList<>();
      List<String> routes = new ArrayList<>(FEEDS);
      routes.add("/releases");
      routes.add("/releases/" + firstId);
      for (String route : routes) {
        Reply full = measure(meter, rows, route, "full", () -> api.get(route));
        measure(meter, rows, route, "If-None-Match", () -> api.get(route, "If-None-Match", full.header("ETag")));
      }
      System.out.println();
      System.out.println("DynamoDB cost per public GET, " + RELEASES + " releases stored, FEED_SIZE=20 (default)");
      Table.print(List.of("route", "request", "status", "DynamoDB calls", "items read",
          "DynamoDB bytes", "body bytes"), rows);

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
    }
  }

  private static Reply measure(CallMeter meter, List<String[]> rows, String route, String request,
      Supplier<Reply> send) {
    meter.reset();
    Reply reply = send.get();
    List<CallMeter.Call> calls = meter.calls();
    String operations = calls.isEmpty() ? "0" : calls.size() + " (" + calls.stream()
        .map(CallMeter.Call::operation).collect(Collectors.joining(", ")) + ")";
    int items = calls.stream().mapToInt(CallMeter.Call::items).sum();
    // -1 from the meter means the response had no Content-Length; say so rather than add it.
    boolean known = calls.stream().allMatch(c -> c.bytes() >= 0);
    long bytes = calls.stream().mapToLong(CallMeter.Call::bytes).sum();
    rows.add(new String[] {route.startsWith("/releases/") ? "/releases/{id}" : route, request,
        Integer.toString(reply.status()), operations, Integer.toString(items),
        known ? Long.toString(bytes) : "n/a", Integer.toString(reply.body().length)});
    return reply;
  }

  /** The fields of the seed release that vary, in the API's JSON names. */
  private static Map<String, Object> asJsonFields(ReleaseInput input) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", input.title());
    fields.put("language", input.language());
    fields.put("tags", input.tags());
    fields.put("publishAt", input.publishAt());
    return fields;
  }
}
