package dev.pressfeed.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The second floor of the cold/warm benchmark: the least an HTTP API function can do as a
 * stream handler, as Pressfeed's handlers are (no event serialiser: it reads the event's bytes
 * and writes a fixed response). Packed alone into a jar, like {@link HelloHandler}.
 */
public final class HelloStreamHandler implements RequestStreamHandler {

  private static final byte[] RESPONSE = """
      {"statusCode":200,"headers":{"Content-Type":"text/plain; charset=utf-8"},"body":"hello","isBase64Encoded":false}"""
      .getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write(RESPONSE);
  }
}
