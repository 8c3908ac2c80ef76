package dev.pressfeed.push;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The WebSub hub, told of changed topics by a form {@code POST} ({@code hub.mode=publish}, one
 * {@code hub.url} per topic). Every send has a connect timeout and an overall timeout, so a hub
 * that hangs costs one {@link #SEND_TIME} at most; any 2xx is delivered.
 */
public final class Hub {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** The longest one send can take: connecting, then the whole answer. */
  public static final Duration SEND_TIME = CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT);

  /** How a send ended: delivered, or why not (for the log). */
  public record Outcome(boolean delivered, String detail) {}

  private final URI url;
  private volatile HttpClient client;

  public Hub(String url) {
    this.url = URI.create(url);
  }

  public String url() {
    return url.toString();
  }

  /** Publishes {@code topics} (canonical URLs without the base) under {@code baseUrl}. */
  public Outcome publish(String baseUrl, List<String> topics) {
    StringJoiner form = new StringJoiner("&");
    form.add("hub.mode=publish");
    for (String topic : topics) {
      form.add("hub.url=" + URLEncoder.encode(baseUrl + topic, StandardCharsets.UTF_8));
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.US_ASCII))
        .build();
    CompletableFuture<HttpResponse<Void>> sent =
        client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // The client's own timeout ends at the answer's head; this one bounds the body too.
      int status = sent.get(SEND_TIME.toMillis(), TimeUnit.MILLISECONDS).statusCode();
      return new Outcome(status >= 200 && status < 300, "HTTP " + status);
    } catch (TimeoutException e) {
      sent.cancel(true);
      return new Outcome(false, "no answer within " + SEND_TIME.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Outcome(false, cause instanceof IOException && cause.getMessage() != null
          ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
          : cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }

  /** Built on the first send: only a notifier ever sends, and the feed path never loads this. */
  private HttpClient client() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
          client = built;
        }
      }
    }
    return built;
  }
}
