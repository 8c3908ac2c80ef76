package dev.pressfeed.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes a connection whose request line and headers have not all arrived within the limit
 * of their first byte. Jetty's idle timeout alone would let a client that sends a byte now and
 * then keep a half-sent request open for ever; Jetty has no header-read limit of its own.
 * Checked by a sweep (run every few hundred milliseconds) over the open connections.
 */
final class HeaderDeadline implements Connection.Listener, Runnable {

  /** When the request now being read began, as seen by the sweep; keyed to the request count. */
  private record Begun(long requests, long nanos) {}

  private static final Begun BETWEEN_REQUESTS = new Begun(-1, 0);

  private final long limitNanos;
  private final Map<HttpConnection, Begun> open = new ConcurrentHashMap<>();

  HeaderDeadline(Duration limit) {
    this.limitNanos = limit.toNanos();
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      open.put(http, BETWEEN_REQUESTS);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    open.replaceAll((connection, begun) -> {
      if (!readingHeaders(connection.getParser().getState())) {
        return BETWEEN_REQUESTS;
      }
      long requests = connection.getMessagesIn();
      if (begun.requests() != requests) {
        return new Begun(requests, now);
      }
      if (now - begun.nanos() > limitNanos) {
        connection.getEndPoint().close();
      }
      return begun;
    });
  }

  /** Past the first byte of a request and before its body: START waits for the first byte. */
  private static boolean readingHeaders(HttpParser.State state) {
    return state.ordinal() > HttpParser.State.START.ordinal()
        && state.ordinal() <= HttpParser.State.HEADER.ordinal();
  }
}
