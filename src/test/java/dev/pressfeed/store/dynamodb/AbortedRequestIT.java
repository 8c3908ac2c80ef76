package dev.pressfeed.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A client that gives up on a call mid-request (every DynamoDB call here has a timeout, and the
 * tests freeze dependencies on purpose) must not end the shared server for every later test:
 * dynalite's own {@code cli.js} dies of it (an uncaught "aborted"); its launcher serves on.
 */
class AbortedRequestIT {

  @RegisterExtension static final Dynalite DYNALITE = new Dynalite();

  @Test
  void theServerAnswersAfterAClientAbortsARequestMidBody() throws Exception {
    try (Socket socket = new Socket(DYNALITE.endpoint().getHost(), DYNALITE.endpoint().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: dynalite\r\nContent-Type: application/x-amz-json-1.0\r\n"
          + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{\"Limit\":")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
      // A reset, not a polite close: what a client's timeout does to a connection mid-request.
      socket.setSoLinger(true, 0);
    }
    Thread.sleep(300);
    try (DynamoDbClient client = DYNALITE.clientBuilder().build()) {
      assertThat(client.listTables().tableNames()).isNotNull();
    }
  }
}
