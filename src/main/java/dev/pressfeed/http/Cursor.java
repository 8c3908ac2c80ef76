package dev.pressfeed.http;

import dev.pressfeed.release.SortKey;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident paging cursors: the sort key of the last item shown, which list it
 * belongs to, and a MAC over both. A forged or truncated cursor is a 400, never a store error.
 * The MAC key is not a secret (a cursor only names a position; visibility is always enforced
 * by the query itself): it makes cursors opaque and changes to them evident.
 */
public final class Cursor {

  private static final byte[] KEY = "pressfeed cursor v1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAC_BYTES = 12;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursor() {}

  public static String encode(String list, SortKey position) {
    byte[] payload = (list + "|" + position.value()).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /** The position a cursor names, or a 400 problem when it is not one we issued for this list. */
  public static SortKey decode(String list, String cursor) {
    try {
      int dot = cursor.indexOf('.');
      if (dot < 1 || cursor.length() > 400) {
        throw new IllegalArgumentException();
      }
      byte[] payload = DECODER.decode(cursor.substring(0, dot));
      byte[] mac = DECODER.decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, mac(payload))) {
        throw new IllegalArgumentException();
      }
      String text = new String(payload, StandardCharsets.UTF_8);
      String prefix = list + "|";
      if (!text.startsWith(prefix) || !SortKey.isWellFormed(text.substring(prefix.length()))) {
        throw new IllegalArgumentException();
      }
      return new SortKey(text.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("The cursor is not one this list issued: start again without it.",
          java.util.List.of(new dev.pressfeed.release.FieldError("cursor", "is forged, truncated or from another list"))).raise();
    }
  }

  private static byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
