package dev.pressfeed.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** What API Gateway would send back: status, headers (names in lower case) and body bytes. */
record Answer(int status, Map<String, String> headers, byte[] body) {

  /**
   * The body as a client that sent {@code Accept-Encoding: gzip} reads it: the coding undone. A
   * body that says gzip and is not fails the run here.
   */
  Answer {
    if ("gzip".equalsIgnoreCase(headers.get("content-encoding")) && body.length > 0) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new AssertionError("a body that says gzip and is not: " + e.getMessage(), e);
      }
    }
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  String brief() {
    String text = text();
    return status + " " + (header("content-type") == null ? "" : header("content-type")) + " "
        + Probe.printable(text.length() > 400 ? text.substring(0, 400) + "…" : text);
  }
}
