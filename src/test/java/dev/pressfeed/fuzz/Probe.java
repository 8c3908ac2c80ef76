package dev.pressfeed.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as a client sends it: method, raw path and query (as on the wire, possibly with
 * bad escapes), headers in order (repeats allowed), and the body's bytes.
 */
record Probe(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
    byte[] body) {

  Probe {
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  boolean isWrite() {
    return method.equals("POST") || method.equals("PUT") || method.equals("DELETE");
  }

  Probe withMethod(String other) {
    return new Probe(other, rawPath, rawQuery, headers, body);
  }

  String target() {
    return rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
  }

  /** The request as curl would send it: the reproducer a finding carries. */
  String curl() {
    StringBuilder s = new StringBuilder("curl -i -X ").append(method).append(" '")
        .append("$BASE").append(target().replace("'", "'\\''")).append('\'');
    for (Map.Entry<String, String> h : headers) {
      s.append(" -H '").append(h.getKey()).append(": ").append(printable(h.getValue())).append('\'');
    }
    if (body.length > 0) {
      String text = new String(body, StandardCharsets.UTF_8);
      boolean exact = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
      s.append(exact ? " --data-binary '" : " --data-binary @- (bytes, shown as UTF-8 with \\xNN) '")
          .append(printable(exact ? text : latin(body))).append('\'');
    }
    return s.toString();
  }

  private static String latin(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        s.append((char) b);
        i++;
      } else {
        s.append(String.format("\\x%02X", b));
        i++;
      }
    }
    return s.toString();
  }

  /** Long values shortened, controls shown as escapes, so a reproducer fits in a report. */
  static String printable(String value) {
    StringBuilder s = new StringBuilder();
    value.codePoints().limit(600).forEach(c -> {
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF
          || (c >= 0xD800 && c <= 0xDFFF) || c == '\'') {
        s.append(String.format("\\u%04X", c));
      } else {
        s.appendCodePoint(c);
      }
    });
    int total = value.codePointCount(0, value.length());
    if (total > 600) {
      s.append("…(").append(total).append(" code points)");
    }
    return s.toString();
  }
}
