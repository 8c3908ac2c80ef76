/**
 * The request fuzzer and the XSS corpus (issue 12, "Fuzzed").
 *
 * <p>{@link dev.pressfeed.fuzz.InProcessGateway} stands in for API Gateway: it routes by the
 * handlers' own route keys, builds the HTTP API event JSON (with JWT claims only when the bearer
 * token is the editors' one, as the authorizer would) and calls the Lambda handler classes
 * through their stream interface. {@link dev.pressfeed.fuzz.Probes} and
 * {@link dev.pressfeed.fuzz.Bodies} draw requests from a seeded {@link java.util.SplittableRandom}
 * ({@link dev.pressfeed.fuzz.Dice}; {@code -Dpressfeed.fuzz.seed=N} repeats a run);
 * {@link dev.pressfeed.fuzz.FuzzSession} sends them against one store and checks every answer;
 * {@code RequestFuzzTest} (embedded store) and {@code RequestFuzzIT} (dynalite) run it, as plain
 * JUnit tests.
 */
package dev.pressfeed.fuzz;
