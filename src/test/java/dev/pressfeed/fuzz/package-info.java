/**
 * The request fuzzer and the XSS corpus (issue 12, "Fuzzed").
 *
 * <p>{@link dev.pressfeed.fuzz.InProcessGateway} stands in for API Gateway: it routes by the
 * handlers' own route keys, builds the HTTP API event JSON (with JWT claims only when the bearer
 * token is the editors' one, as the authorizer would) and calls the Lambda handler classes
 * through their stream interface. {@link dev.pressfeed.fuzz.Probes} draws requests with jqwik's
 * generators; {@link dev.pressfeed.fuzz.Newsdesk} sends them against one store and checks every
 * answer; {@code RequestFuzzTest} (embedded store) and {@code RequestFuzzIT} (dynalite) run it.
 */
package dev.pressfeed.fuzz;
