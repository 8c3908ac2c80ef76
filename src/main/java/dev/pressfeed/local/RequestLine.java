package dev.pressfeed.local;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * One line per request: method, path, status, milliseconds. Never the query (it may carry a
 * cursor or a filter a user typed) nor any header (the editor's token travels in one).
 */
final class RequestLine implements RequestLog {

  private static final int LONGEST_PATH = 200;
  private final PrintStream out;

  RequestLine(PrintStream out) {
    this.out = out;
  }

  @Override
  public void log(Request request, Response response) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    out.println(printable(request.getMethod(), 16) + " " + printable(path, LONGEST_PATH) + " "
        + response.getStatus() + " " + millis + " ms");
  }

  /** Only visible ASCII, cut short: what a client sent must not forge or flood log lines. */
  static String printable(String text, int longest) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    StringBuilder kept = new StringBuilder(Math.min(text.length(), longest + 1));
    for (int i = 0; i < text.length() && kept.length() < longest; i++) {
      char c = text.charAt(i);
      kept.append(c > ' ' && c < 127 ? c : '?');
    }
    if (text.length() > longest) {
      kept.append('…');
    }
    return kept.toString();
  }
}
