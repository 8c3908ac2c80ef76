package dev.pressfeed.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The newsroom's one small stylesheet ({@code newsroom.css}, screen, phone and print), placed
 * inline in every page and allowed by its SHA-256 in the Content-Security-Policy, which allows
 * nothing else: no script, no other style, no frame, no form.
 */
final class Style {

  static final String CSS = load();

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS)
      + "'; img-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Style() {}

  private static String load() {
    try (InputStream in = Style.class.getResourceAsStream("newsroom.css")) {
      if (in == null) {
        throw new IllegalStateException("newsroom.css is missing from the package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
