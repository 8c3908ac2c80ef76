package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pressfeed.Application;
import dev.pressfeed.Config;
import dev.pressfeed.lambda.Invocations.Answer;
import dev.pressfeed.local.RunningGateway;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the handlers write is for CloudWatch in Lambda's JSON log format: every line one JSON
 * object with its level and the request's ids, and never the editor's token or a value of its
 * claims, even when a failure's own message carries one.
 */
class HandlerLogTest {

  static final String TOKEN = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiI1ZjFjMmE3ZSJ9.c2lnbmF0dXJlLXNlY3JldA";
  static final Map<String, String> CLAIMS = new LinkedHashMap<>();

  static {
    CLAIMS.put("sub", "5f1c2a7e-0d7b-4a39-9a51-3c2f0e6d8b21");
    CLAIMS.put("email", "press.officer@example.org");
    CLAIMS.put(LambdaEvents.GROUPS_CLAIM, "[editors press-admins]");
    CLAIMS.put("cognito:username", "press-officer-7");
    CLAIMS.put("client_id", "3n4b5v6c7x8z9l0k1j2h3g4f5d");
    CLAIMS.put("iss", "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Ab12Cd34E");
    CLAIMS.put("jti", "b7e1c0de-1111-4abc-9def-0123456789ab");
    CLAIMS.put("auth_time", "1795666000");
    CLAIMS.put("token_use", "access");
  }

  /** A request id per case, so each line can be matched to the request that wrote it. */
  record Case(String name, String requestId, String awsRequestId, int status) {}

  @Test
  void everyLineIsOneJsonObjectWithTheRequestIdAndNoTokenOrClaimValue() throws Exception {
    String sub = CLAIMS.get("sub");
    String email = CLAIMS.get("email");
    // A store whose failures name the editor, as a message about an idempotency scope would.
    ReleaseStore unavailable = store(m -> new StoreUnavailableException(
        "idempotency scope " + sub + "|key-1 is busy", null));
    ReleaseStore broken = store(m -> new IllegalStateException("no mailbox for " + email + " (" + TOKEN + ")"));

    List<Case> cases = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      cases.add(call("store unavailable: POST", new EditorHandler(app(unavailable)), "POST", "/releases", 503));
      cases.add(call("store unavailable: GET feed", new FeedHandler(app(unavailable)), "GET", "/feed.atom", 503));
      cases.add(call("unexpected failure: POST", new EditorHandler(app(broken)), "POST", "/releases", 500));
      cases.add(call("unexpected failure: GET", new ReleasesHandler(app(broken)), "GET", "/releases", 500));
      // Not an event at all, the token in it: only a direct invocation can send this.
      String awsRequestId = "c0ffee00-0000-4000-8000-unreadable01";
      Answer unreadable = Invocations.invoke(new FeedHandler(app(unavailable)),
          ("Authorization: Bearer " + TOKEN + "\n" + email).getBytes(StandardCharsets.UTF_8), awsRequestId);
      assertThat(unreadable.status()).isEqualTo(400);
      cases.add(new Case("unreadable event", null, awsRequestId, 400));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    lines.forEach(System.out::println);
    assertThat(lines).as("one line per failure").hasSize(cases.size());
    List<JsonNode> objects = new ArrayList<>();
    for (String line : lines) {
      JsonNode json = Invocations.JSON.readTree(line);
      assertThat(json.isObject()).as(line).isTrue();
      assertThat(json.path("level").asText()).as(line).isIn("WARN", "ERROR");
      assertThat(json.path("timestamp").asText()).as(line).isNotBlank();
      assertThat(json.path("message").asText()).as(line).isNotBlank();
      assertThat(line).as("the token").doesNotContain(TOKEN).doesNotContain("Bearer");
      for (Map.Entry<String, String> claim : CLAIMS.entrySet()) {
        assertThat(line).as("claim %s", claim.getKey()).doesNotContain(claim.getValue());
        for (String member : claim.getValue().replaceAll("[\\[\\]]", "").split(" ")) {
          assertThat(line).as("claim %s", claim.getKey()).doesNotContain(member);
        }
        // nor in the decoded text, whatever JSON escaping did to it
        assertThat(json.toString()).doesNotContain(claim.getValue());
      }
      objects.add(json);
    }
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      JsonNode json = objects.get(i);
      assertThat(json.path("awsRequestId").asText()).as(c.name()).isEqualTo(c.awsRequestId());
      if (c.requestId() != null) {
        assertThat(json.path("requestId").asText()).as(c.name()).isEqualTo(c.requestId());
        assertThat(json.path("routeKey").asText()).as(c.name()).startsWith(c.name().endsWith("POST") ? "POST " : "GET ");
      }
      assertThat(json.path("status").asInt()).as(c.name()).isEqualTo(c.status());
      assertThat(json.path("level").asText()).as(c.name()).isEqualTo(c.status() == 500 ? "ERROR" : "WARN");
    }
    assertThat(objects.get(0).path("exception").asText()).as("the failure's text, the editor cut out")
        .contains("StoreUnavailableException").contains("[redacted]");
    assertThat(objects.get(2).path("exception").asText()).as("a defect's whole trace, in one field")
        .contains("IllegalStateException").contains("\n\tat ");
  }

  private static Case call(String name, RequestStreamHandler handler, String method, String path, int status) {
    String requestId = "req-" + Math.abs(name.hashCode());
    String awsRequestId = "aws-" + Math.abs(name.hashCode());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer " + TOKEN);
    headers.put("content-type", "application/json");
    headers.put("idempotency-key", "key-1");
    Answer answer = Invocations.invoke(handler, Invocations.event(method, path, headers, CLAIMS,
        method.equals("POST") ? RunningGateway.seedJson() : null, requestId), awsRequestId);
    assertThat(answer.status()).as(name).isEqualTo(status);
    assertThat(answer.body()).as(name).doesNotContain(TOKEN).doesNotContain(CLAIMS.get("email"));
    return new Case(name, requestId, awsRequestId, status);
  }

  private static Application app(ReleaseStore store) {
    return new Application(Config.from(Map.of()), store, Clock.systemUTC());
  }

  private static ReleaseStore store(Function<String, RuntimeException> failure) {
    return (ReleaseStore) Proxy.newProxyInstance(HandlerLogTest.class.getClassLoader(),
        new Class<?>[] {ReleaseStore.class}, (proxy, method, args) -> {
          throw failure.apply(method.getName());
        });
  }
}
