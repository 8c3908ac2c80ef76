package dev.pressfeed.page;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseInput;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A release as schema.org {@code NewsArticle} JSON-LD, written so that it can sit inside a
 * {@code <script type="application/ld+json">} element whatever the release says: {@code <},
 * {@code >} and {@code &} are written as {@code \}{@code u} escapes (so no {@code </script>} or
 * {@code <!--} can appear), and so are U+2028 and U+2029. The JSON value is unchanged.
 */
final class JsonLd {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonLd() {}

  static String newsArticle(Release release, String summary, String url, String siteName,
      String siteUrl) {
    ReleaseInput in = release.input();
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setCharacterEscapes(new ScriptSafe());
      json.writeStartObject();
      json.writeStringField("@context", "https://schema.org");
      json.writeStringField("@type", "NewsArticle");
      json.writeStringField("headline", in.title());
      if (in.subtitle() != null) {
        json.writeStringField("alternativeHeadline", in.subtitle());
      }
      json.writeStringField("description", summary);
      json.writeStringField("datePublished", iso(release.publishedAt()));
      json.writeStringField("dateModified", iso(release.updatedAt()));
      json.writeStringField("inLanguage", in.language());
      json.writeStringField("url", url);
      json.writeObjectFieldStart("mainEntityOfPage");
      json.writeStringField("@type", "WebPage");
      json.writeStringField("@id", url);
      json.writeEndObject();
      json.writeObjectFieldStart("publisher");
      json.writeStringField("@type", "Organization");
      json.writeStringField("name", in.organization() != null ? in.organization().name() : siteName);
      json.writeStringField("url", in.organization() != null && in.organization().url() != null
          ? in.organization().url() : siteUrl);
      json.writeEndObject();
      if (!in.tags().isEmpty()) {
        json.writeStringField("keywords", String.join(", ", in.tags()));
      }
      if (in.location() != null) {
        json.writeObjectFieldStart("locationCreated");
        json.writeStringField("@type", "Place");
        json.writeStringField("name", in.location());
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String iso(Instant instant) {
    return instant.toString();
  }

  /** Jackson's standard escapes plus the characters that could end or confuse a script element. */
  private static final class ScriptSafe extends CharacterEscapes {
    private static final int[] ESCAPES = CharacterEscapes.standardAsciiEscapesForJSON();

    static {
      ESCAPES['<'] = CharacterEscapes.ESCAPE_STANDARD;
      ESCAPES['>'] = CharacterEscapes.ESCAPE_STANDARD;
      ESCAPES['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    private static final SerializedString LINE = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH = new SerializedString("\\u2029");

    @Override
    public int[] getEscapeCodesForAscii() {
      return ESCAPES;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? LINE : ch == 0x2029 ? PARAGRAPH : null;
    }
  }
}
