package dev.pressfeed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for the servers tests and benchmarks start: a free one, and waiting for one. */
public final class Loopback {

  private Loopback() {}

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /**
   * Waits until {@code process} accepts connections on {@code port}; {@code false} if it died
   * or {@code timeout} passed first (the caller says what went wrong, with its log).
   */
  public static boolean awaitListening(Process process, int port, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(50);
      }
    }
  }
}
