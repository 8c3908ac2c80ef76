/**
 * The benchmark kit, run by {@code mvn -q -Pbench verify} and never by {@code mvn verify}: cold
 * and warm invocations of each handler under the real Lambda runtime interface client against a
 * hello-world floor ({@code LambdaStartBenchmark}), JMH render benchmarks, a DynamoDB cost report
 * with the Lambda package's size and contents, the local gateway's throughput under {@code wrk},
 * and a summary of the targets. They print figures and assert nothing. Beside them, the load
 * model of issue 14 ({@code LoadModel}, run by {@code mvn -q -Pload verify}): a population of
 * feed pollers against several local gateways over dynalite, with the monthly cost projection;
 * it fails (exit 1) on any error, a late change or an embargo seen early, and
 * {@code LoadModelArithmeticTest} checks the mix and the projection's arithmetic. They use only the public
 * API of {@code feed}, {@code http} and {@code release} (and {@code store}'s document, to read
 * releases as stored), so they measure whichever renderers are built, plus the test-side tools (the seed {@code Fixtures}, {@code RunningGateway},
 * {@code Dynalite}, {@code CallMeter}, {@code ManagedRuntime} and its Runtime API stand-in).
 */
package dev.pressfeed.bench;
