package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pressfeed.http.Router;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler tells operators, as one JSON object per line: the shape Lambda's JSON log
 * format ({@code LoggingConfig} in {@code template.yaml}) filters by {@code level} and
 * CloudWatch Logs Insights queries by field. Written with Jackson's streaming generator, the
 * one the handlers already load to read events.
 *
 * <p>Only trouble is written: a store that did not answer (503, {@code WARN}), an unexpected
 * failure (500, {@code ERROR}) and an event that could not be read. API Gateway's access log
 * already has one JSON line per request (request id, route, status, latency); this line
 * carries the same {@code requestId}, so the two join, and a healthy request writes nothing.
 *
 * <p>Never logged: headers (the {@code Authorization} header among them), the body, query
 * strings or any claim of the editor's token. Exception text is the one field that could carry
 * such a value by accident (a store message naming an idempotency scope, say), so every claim
 * value and the bearer token are cut out of it.
 *
 * @param requestId    API Gateway's id of the request ({@code requestContext.requestId}), or null
 * @param awsRequestId Lambda's id of the invocation, or null outside Lambda
 * @param secrets      values that must never appear in a line (claim values, the token)
 */
record LogLine(String requestId, String awsRequestId, List<String> secrets, PrintStream out)
    implements Router.Trouble {

  /** Claim values this short are kept: they cannot name anyone, and cutting them would garble the text. */
  private static final int SHORTEST_SECRET = 4;
  private static final String REDACTED = "[redacted]";

  /** The log of one invocation, knowing what of its event must stay out of it. */
  static LogLine of(APIGatewayV2HTTPEvent event, String awsRequestId) {
    List<String> secrets = new ArrayList<>();
    String requestId = null;
    if (event != null) {
      if (event.getHeaders() != null) {
        event.getHeaders().forEach((name, value) -> {
          if ("authorization".equalsIgnoreCase(name) && value != null) {
            secrets.add(value);
            String[] parts = value.strip().split("\\s+", 2);
            if (parts.length == 2) {
              secrets.add(parts[1]);
            }
          }
        });
      }
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      if (context != null) {
        requestId = context.getRequestId();
        if (context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null
            && context.getAuthorizer().getJwt().getClaims() != null) {
          for (Map.Entry<String, String> claim : context.getAuthorizer().getJwt().getClaims().entrySet()) {
            if (claim.getValue() != null) {
              secrets.add(claim.getValue());
              // A list claim arrives as "[editors admins]": its members too.
              for (String member : claim.getValue().replaceAll("[\\[\\]\"]", " ").strip().split("[\\s,]+")) {
                secrets.add(member);
              }
            }
          }
        }
      }
    }
    secrets.removeIf(s -> s.length() < SHORTEST_SECRET);
    // Longest first, so a value containing another is cut whole.
    secrets.sort((a, b) -> b.length() - a.length());
    return new LogLine(requestId, awsRequestId, List.copyOf(secrets), System.err);
  }

  @Override
  public void report(String routeKey, int status, String message, Throwable cause) {
    // A 503 is the dependency's trouble, expected now and then: its cause chain in one line is
    // enough. A 500 is a defect: the whole trace, as one string.
    write(status == 503 ? "WARN" : "ERROR", message, routeKey, status,
        status == 503 ? causes(cause) : trace(cause));
  }

  /** An invocation whose payload is not an HTTP API event; its text is not logged (it may hold anything). */
  void unreadable(Exception e) {
    write("WARN", "unreadable event: " + e.getClass().getSimpleName(), null, 400, null);
  }

  private void write(String level, String message, String routeKey, int status, String exception) {
    StringWriter line = new StringWriter();
    try (JsonGenerator g = EventJson.JSON.createGenerator(line)) {
      g.writeStartObject();
      // RFC 3339, as Lambda wants it to use the line's own time; the time it was written, not a
      // Clock's (tests move those for embargoes).
      g.writeStringField("timestamp", Instant.now().toString());
      g.writeStringField("level", level);
      g.writeStringField("message", redact(message));
      if (requestId != null) {
        g.writeStringField("requestId", requestId);
      }
      if (awsRequestId != null) {
        g.writeStringField("awsRequestId", awsRequestId);
      }
      if (routeKey != null) {
        g.writeStringField("routeKey", routeKey);
      }
      g.writeNumberField("status", status);
      if (exception != null) {
        g.writeStringField("exception", redact(exception));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    out.println(line); // one println: one CloudWatch event, never split by another thread's line
  }

  private String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, REDACTED);
    }
    return result;
  }

  private static String causes(Throwable cause) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t);
    }
    return text.toString();
  }

  private static String trace(Throwable cause) {
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
