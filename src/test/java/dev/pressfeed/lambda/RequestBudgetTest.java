package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.store.Waits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The waits on DynamoDB fit the function they run in: a request gives up on the store in time
 * to answer 503 itself before Lambda's timeout (then API Gateway's error) would, and every
 * function writes its logs in the JSON format the handlers' log lines are made for.
 */
class RequestBudgetTest {

  /** What a request needs besides waiting on the store: a cold start's first request, rendering, the answer. */
  static final Duration REST_OF_THE_REQUEST = Duration.ofSeconds(3);

  @Test
  void theRequestBudgetEndsWellInsideTheFunctionsTimeout() {
    Map<String, Object> globals = SamTemplate.map(SamTemplate.map(SamTemplate.load().root().get("Globals")).get("Function"));
    Duration timeout = Duration.ofSeconds((Integer) globals.get("Timeout"));
    Waits waits = Waits.STANDARD;

    assertThat(waits.request().plus(REST_OF_THE_REQUEST)).isLessThanOrEqualTo(timeout);
    assertThat(waits.call()).isLessThanOrEqualTo(waits.request());
    assertThat(waits.attempt()).isLessThan(waits.call());
    assertThat(waits.connect()).isLessThanOrEqualTo(waits.attempt());
    assertThat(waits.attempts()).isBetween(2, 3);
  }

  @Test
  void everyFunctionLogsJson() {
    SamTemplate.load().functions().forEach((name, function) -> {
      Map<String, Object> logging = SamTemplate.map(function.get("LoggingConfig"));
      assertThat(logging.get("LogFormat")).as(name).isEqualTo("JSON");
    });
  }
}
