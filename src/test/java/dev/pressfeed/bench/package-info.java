/**
 * The benchmark kit: JMH render benchmarks and a DynamoDB cost report, run by
 * {@code mvn -q -Pbench verify} and never by {@code mvn verify}. They print figures and assert
 * nothing. They use only the public API of {@code feed}, {@code http} and {@code release}, so they
 * measure whichever renderers are built, plus the test-side tools (the seed {@code Fixtures},
 * {@code RunningGateway}, {@code Dynalite}, {@code CallMeter}).
 */
package dev.pressfeed.bench;
