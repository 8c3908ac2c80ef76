/**
 * Transport-neutral HTTP: {@link dev.pressfeed.http.Request} and
 * {@link dev.pressfeed.http.Response}, the {@link dev.pressfeed.http.Router} (method + path to
 * action), RFC 9457 {@link dev.pressfeed.http.Problem}s, the JSON codec of the API
 * ({@link dev.pressfeed.http.ReleaseJson}), paging cursors, conditional requests and the
 * routes themselves. Depends on {@code release}, {@code feed} and {@code audience}; knows
 * nothing of Lambda, DynamoDB or the local gateway, so both entry points run exactly this code.
 */
package dev.pressfeed.http;
