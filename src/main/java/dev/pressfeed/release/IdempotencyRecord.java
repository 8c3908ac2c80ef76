package dev.pressfeed.release;

import java.time.Instant;

/**
 * What {@code Idempotency-Key} remembers for 24 hours: whose key it is, a hash of the
 * request's JSON value, and the release that request creates (with the id it reserves).
 * Written before the release, so a crash between the two writes is completed by the retry.
 *
 * @param scope       the editor's subject and the key, one string
 * @param requestHash SHA-256 of the canonical JSON of the request body
 * @param release     the release as the first request created it (version 1)
 */
public record IdempotencyRecord(String scope, String requestHash, Release release, Instant expiresAt) {

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  public IdempotencyRecord withRelease(Release other) {
    return new IdempotencyRecord(scope, requestHash, other, expiresAt);
  }
}
