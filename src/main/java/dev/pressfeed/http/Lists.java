package dev.pressfeed.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressfeed.release.FieldError;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.SortKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the public and the editors' lists share: paging parameters and the page body. */
public final class Lists {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private Lists() {}

  static int limit(Request request) {
    Optional<String> raw = request.queryParam("limit");
    if (raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem below
    }
    throw Problem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ".",
        List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT))).raise();
  }

  public static Optional<SortKey> after(Request request, String list) {
    return request.queryParam("cursor").map(c -> Cursor.decode(list, c));
  }

  /** A query parameter used as a filter; empty values mean no filter. */
  public static String filter(Request request, String name) {
    return request.queryParam(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /** The page as JSON ({@code items}, {@code next}) with a {@code Link: rel="next"} when there is more. */
  static Response page(Request request, String list, Page page, Instant now,
      Map<String, String> keptParams) {
    ObjectNode body = ReleaseJson.JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (Release r : page.items()) {
      items.add(ReleaseJson.listItem(r, request.baseUrl(), now));
    }
    Optional<String> next = page.next().map(k -> Cursor.encode(list, k));
    body.put("next", next.orElse(null));
    Response response = new Response(200, Map.of("Content-Type", "application/json; charset=utf-8"),
        ReleaseJson.bytes(body));
    if (next.isPresent()) {
      Map<String, String> params = new LinkedHashMap<>(keptParams);
      params.put("cursor", next.get());
      response = response.withHeader("Link", "<" + request.baseUrl() + request.path() + "?"
          + query(params) + ">; rel=\"next\"");
    }
    return response;
  }

  /**
   * A query string of the non-null values, percent-encoded UTF-8 with a space as {@code %20}:
   * {@code +} means a space only in HTML forms, and not every gateway decodes it so.
   */
  public static String query(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach((k, v) -> {
      if (v != null) {
        out.append(out.length() == 0 ? "" : "&").append(k).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    });
    return out.toString();
  }
}
