package dev.pressfeed.release;

/**
 * The store is throttling or briefly unreachable: the client should retry (HTTP 503 with
 * {@code Retry-After}). The message is for logs only, never for clients.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
