package dev.pressfeed.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 byte for byte over a socket: what a client may send that no HTTP client library
 * would (a broken request line, a lying Content-Length, a forged Host), and the answer as it
 * came, read to the end of the connection.
 */
final class RawHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RawHttp() {}

  /** The answer to {@code request} (sent as ISO-8859-1); the gateway is expected to close. */
  static Answer exchange(int port, String request) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A request of head lines and a UTF-8 body, its Content-Length counted here. */
  static Answer exchange(int port, String head, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes((head + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes(bytes);
    return exchange(port, request.toByteArray());
  }

  static Answer exchange(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return Answer.parse(readToEnd(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no end of answer within 5 s; so far: "
          + all.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException e) {
      // A reset after the answer was sent: what arrived is what counts.
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  /** Status, headers (lower-case names) and body of one answer. */
  record Answer(int status, Map<String, String> headers, byte[] body, String head) {

    static Answer parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) {
        throw new AssertionError("not an HTTP/1.1 answer: " + text);
      }
      String head = text.substring(0, end);
      String[] lines = head.split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
      byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
      return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body, head);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as an RFC 9457 problem, checked for the members every problem has. */
    JsonNode problem() {
      if (!headers.getOrDefault("content-type", "").startsWith("application/problem+json")) {
        throw new AssertionError("not a problem (Content-Type " + headers.get("content-type") + "): " + head + "\n" + text());
      }
      try {
        JsonNode json = JSON.readTree(body);
        if (json.path("status").asInt() != status || !json.path("type").asText().startsWith("https://pressfeed.dev/problems/")
            || json.path("title").asText().isBlank() || json.path("detail").asText().isBlank()) {
          throw new AssertionError("incomplete problem for " + status + ": " + text());
        }
        return json;
      } catch (IOException e) {
        throw new AssertionError("problem+json that is not JSON: " + text(), e);
      }
    }
  }
}
