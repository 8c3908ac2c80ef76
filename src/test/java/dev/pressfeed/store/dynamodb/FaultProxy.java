package dev.pressfeed.store.dynamodb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP/1.1 proxy in front of a DynamoDB-compatible server that misbehaves on
 * command: it passes requests on, holds them without an answer, answers each late, drops the
 * connection, or answers as a failing DynamoDB would (500, throttling). One request at a time
 * per connection, as the SDK's url-connection client sends them.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does with the next request. */
  public enum Fault {
    /** Passes it on and the answer back. */
    NONE,
    /** Reads it and never answers. */
    HOLD,
    /** Passes it on, answering {@link #SLOW_ANSWER_MILLIS} late: a slow table that still answers. */
    SLOW,
    /** Closes the connection without an answer. */
    DROP,
    /** Answers 500 InternalServerError. */
    ERROR_500,
    /** Answers 400 ThrottlingException. */
    THROTTLE
  }

  /** Below the attempt timeout (one slow answer is not a hung one), above a tenth of the budget. */
  public static final int SLOW_ANSWER_MILLIS = 900;

  private final URI target;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Fault fault = Fault.NONE;

  public FaultProxy(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From the next request on; also closes held connections when the fault ends. */
  public void set(Fault next) {
    this.fault = next;
    if (next == Fault.NONE) {
      for (Socket socket : open) {
        closeQuietly(socket);
      }
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client; Socket upstream = new Socket(target.getHost(), target.getPort())) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        byte[] request = readMessage(in);
        if (request == null) {
          return;
        }
        Fault now = fault;
        switch (now) {
          case HOLD -> {
            while (fault == Fault.HOLD && !client.isClosed()) {
              Thread.sleep(20);
            }
            return;
          }
          case DROP -> {
            client.setSoLinger(true, 0); // a reset, as a dead load balancer sends
            return;
          }
          case ERROR_500 -> answer(out, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
              "Internal server error (fault proxy)");
          case THROTTLE -> answer(out, 400, "com.amazonaws.dynamodb.v20120810#ThrottlingException",
              "Rate of requests exceeds the allowed throughput (fault proxy)");
          case NONE, SLOW -> {
            upstream.getOutputStream().write(request);
            upstream.getOutputStream().flush();
            byte[] response = readMessage(upstream.getInputStream());
            if (response == null) {
              return;
            }
            if (now == Fault.SLOW) {
              Thread.sleep(SLOW_ANSWER_MILLIS);
            }
            out.write(response);
            out.flush();
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up (its timeout) or the proxy closed: nothing to answer
    } finally {
      open.remove(client);
    }
  }

  private static void answer(OutputStream out, int status, String type, String message) throws IOException {
    byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + (status == 500 ? " Internal Server Error" : " Bad Request") + "\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\n"
        + "x-amzn-RequestId: FAULTPROXY\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** One HTTP/1.1 message with a Content-Length body (all DynamoDB sends and receives), or null at end of stream. */
  private static byte[] readMessage(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      return null;
    }
    head.write(body);
    return head.toByteArray();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    threads.shutdownNow();
  }
}
