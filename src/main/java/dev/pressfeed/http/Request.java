package dev.pressfeed.http;

import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as every entry point sees it.
 *
 * @param headers lower-case names (as API Gateway delivers them)
 * @param query   first value of each query parameter
 * @param editor  the authenticated editor, present only when an authorizer vouched for one
 * @param baseUrl scheme and host the links in responses start with, no trailing slash
 */
public record Request(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    Optional<Editor> editor,
    String baseUrl) {

  public Request {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** An editor as the JWT authorizer describes them: at least a subject. */
  public record Editor(String subject) {}
}
