package dev.pressfeed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The load model's mix and projection: the arithmetic the published figures rest on. */
class LoadModelArithmeticTest {

  private static final CostProjection.Measured MEASURED = new CostProjection.Measured(4, 650, 1.2, 1.5, 1.3, 10.5, 0.057, 11.5,
      198, 244, 24_000, 9_000, 3_000, 0.72);

  @Test
  void everyMixAddsUpToTheWhole() {
    assertThat(Population.AGGREGATORS.stream().mapToDouble(Population.Aggregator::share).sum()).isCloseTo(1, within(1e-9));
    assertThat(Population.DIRECT.stream().mapToDouble(Population.DirectKind::share).sum()).isCloseTo(1, within(1e-9));
    assertThat(Population.feedShares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
  }

  @Test
  void directReadersPollInProportionToSubscribersAggregatorsDoNot() {
    double small = total(Population.pollsPerMonth(100_000, 20));
    double large = total(Population.pollsPerMonth(1_000_000, 20));
    // Aggregators fetch each URL once per interval whatever their subscriber count: the
    // growth is a little under tenfold, never over.
    assertThat(large / small).isBetween(9.5, 10.0);
  }

  @Test
  void thePopulationPlayedHasTheMixOfTheProjection() {
    List<Population.Poller> pollers = Population.of(2_000, List.of("a", "b"), new Random(1));
    long direct = pollers.stream().filter(p -> !p.agent.contains("subscribers")).count();
    assertThat(direct).isEqualTo(Math.round(2_000 * (1 - Population.AGGREGATED)));
    assertThat(pollers).filteredOn(p -> p.agent.contains("subscribers")).allMatch(p -> p.validators && p.gzip);
  }

  @Test
  void moreChangesMeanFewerNotModified() {
    assertThat(Population.notModifiedShare(100_000, 50)).isLessThan(Population.notModifiedShare(100_000, 5));
    assertThat(Population.notModifiedShare(100_000, 0)).isCloseTo(1 - noValidatorShare(), within(0.01));
  }

  @Test
  void behindTheCdnTheOriginIsBoundedByCacheKeysNotPolls() {
    CostProjection.Bill bill = CostProjection.bill(1_000_000, MEASURED);
    int keys = Population.pollsPerMonth(1_000_000, CostProjection.WATCHED_PAGES).size() * CostProjection.ENCODINGS;
    double bound = keys * CostProjection.REGIONAL_EDGE_CACHES * CostProjection.MONTH / CostProjection.MAX_AGE;
    assertThat(bill.originRequests()).isLessThanOrEqualTo(bound).isLessThan(bill.edgePolls() / 50);
    CostProjection.Bill tenth = CostProjection.bill(100_000, MEASURED);
    assertThat(bill.cdn().get("API Gateway HTTP API") / tenth.cdn().get("API Gateway HTTP API")).isLessThan(2);
  }

  @Test
  void withoutTheCdnTheContainerCopyKeepsReadsBelowOneUnitAPoll() {
    CostProjection.Bill bill = CostProjection.bill(1_000_000, MEASURED);
    double units = bill.direct().get("DynamoDB reads") / CostProjection.DYNAMO_READ_UNIT;
    assertThat(units).isLessThan(bill.edgePolls() / 2);
  }

  @Test
  void theCheapestFlatRatePlanThatCoversTheLoadIsChosen() {
    CostProjection.Bill bill = CostProjection.bill(100_000, MEASURED);
    assertThat(bill.plan().requests()).isGreaterThanOrEqualTo(bill.edgePolls());
    assertThat(CostProjection.PLANS.stream().filter(p -> p.price() < bill.plan().price()))
        .allMatch(p -> p.requests() < bill.edgePolls() || p.gigabytes() < bill.edgeGigabytes());
  }

  private static double noValidatorShare() {
    double month = 30.4 * 24 * 3600;
    double readers = 100_000 * (1 - Population.AGGREGATED) * (1 - Population.API_SHARE - Population.PAGE_SHARE);
    double all = total(Population.pollsPerMonth(100_000, 20));
    return Population.DIRECT.stream().filter(k -> !k.validators())
        .mapToDouble(k -> readers * k.share() * month / (k.minutes() * 60.0)).sum() / all;
  }

  private static double total(java.util.Map<String, Double> polls) {
    return polls.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
