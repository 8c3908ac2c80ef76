package dev.pressfeed.local;

import dev.pressfeed.http.EditorApi;
import dev.pressfeed.http.Problem;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself (a request line or headers it cannot parse, headers too large,
 * an ambiguous path, a failure outside a handler) as RFC 9457 problems, like every other
 * answer: never Jetty's own HTML page, never its reason text (it may quote the request).
 */
final class ProblemErrors extends ErrorHandler {

  /** The limit for the request line and headers together (Jetty's default, set explicitly). */
  static final int HEADER_BYTES = 8192;

  /** Every method gets a problem; Jetty would give PUT and DELETE an empty body. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    LocalGateway.answer(request, response, callback, problem(code).toResponse(), false);
  }

  /** The body Jetty sends when it cannot even build a request. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    dev.pressfeed.http.Response answer = problem(status).toResponse();
    answer.headers().forEach(fields::put);
    fields.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    return ByteBuffer.wrap(answer.body());
  }

  static Problem problem(int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("The request is not valid HTTP/1.1: check the request line "
          + "(method, an absolute path without empty segments or malformed %-escapes, version), the "
          + "headers and the body's framing.");
      case 404 -> Problem.notFound("There is nothing at this path.");
      case 408 -> Problem.protocol(408, "Request timeout", "The request did not arrive in time.");
      case 413 -> Problem.tooLarge(EditorApi.MAX_BODY_BYTES);
      case 414 -> Problem.protocol(414, "URI too long",
          "The request line and headers may be at most " + HEADER_BYTES + " bytes together.");
      case 431 -> Problem.protocol(431, "Request header fields too large",
          "The request line and headers may be at most " + HEADER_BYTES + " bytes together.");
      case 500 -> Problem.internal();
      case 501 -> Problem.protocol(501, "Not implemented",
          "This server does not implement what the request asks (a transfer coding or a method).");
      case 503 -> Problem.unavailable();
      case 505 -> Problem.protocol(505, "HTTP version not supported", "Send HTTP/1.1 or HTTP/1.0.");
      default -> Problem.protocol(status, reason(status), "The request could not be served.");
    };
  }

  private static String reason(int status) {
    String message = HttpStatus.getMessage(status);
    return message == null || message.isBlank() ? "Error" : message;
  }
}
