package dev.pressfeed.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** What API Gateway would send back: status, headers (names in lower case) and body bytes. */
record Answer(int status, Map<String, String> headers, byte[] body) {

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
