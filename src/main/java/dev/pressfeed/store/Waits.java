package dev.pressfeed.store;

import java.time.Duration;

/**
 * How long a request may wait on its store: the one place these numbers are chosen.
 *
 * <p>Why these: a function has 10 s ({@code Timeout} in {@code template.yaml}), and API
 * Gateway gives up on an integration at 30 s; a reader must get Pressfeed's own 503 with
 * {@code Retry-After}, not the gateway's error, so every request stops waiting after
 * {@link #request} = 4 s, leaving more than half the function's time for a cold start's class
 * loading, rendering and writing the answer. Healthy DynamoDB answers single-item calls and
 * page-sized queries in milliseconds, so an {@link #attempt} of 1 s only cuts off a hung
 * connection, and a {@link #call} of 2.5 s leaves room for a second and part of a third
 * {@link #attempts attempt} after a lost packet or a throttled try, while a hung table costs
 * one call, not the request's whole budget. A POST makes six or more calls in a row (one more
 * conditional insert for each numbered id it tries when its title's id is taken): each one's
 * timeout is cut to what is left of the request's budget ({@code Deadline}), so however many
 * slow-but-answering calls a request makes, it ends within {@link #request} (measured: ten
 * calls answering 900 ms late took a POST 9.2 s without the cut, 4.0 s to a 503 with it).
 * {@link #connect}: a TCP connection inside a region takes a millisecond or two; a second means
 * the address does not answer.
 *
 * <p>The SDK's standard retry mode adds a retry budget across requests: every retry spends
 * tokens from a bucket that only successes refill, so a container facing a dead table soon
 * stops retrying and answers 503 after one attempt per call, and first attempts go on, so it
 * serves again as soon as the table does.
 *
 * @param request  all of a request's waiting on the store, calls and retries included
 * @param call     one store call, all its attempts and back-offs included (cut to what is left
 *                 of {@code request})
 * @param attempt  one HTTP attempt of a call; also the socket read timeout
 * @param connect  opening a connection
 * @param attempts attempts per call, the first included
 */
public record Waits(Duration request, Duration call, Duration attempt, Duration connect, int attempts) {

  /** What Pressfeed uses, on Lambda and locally. */
  public static final Waits STANDARD = new Waits(Duration.ofSeconds(4), Duration.ofMillis(2_500),
      Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
}
