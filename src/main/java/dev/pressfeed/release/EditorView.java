package dev.pressfeed.release;

/** Which releases an editor's list shows ({@code status} query parameter). */
public enum EditorView {
  DRAFT, SCHEDULED, PUBLISHED, RETRACTED, ALL;

  public static EditorView parse(String value) {
    return switch (value) {
      case "draft" -> DRAFT;
      case "scheduled" -> SCHEDULED;
      case "published" -> PUBLISHED;
      case "retracted" -> RETRACTED;
      case "all" -> ALL;
      default -> throw new IllegalArgumentException("unknown status");
    };
  }

  public boolean shows(Release release, java.time.Instant now) {
    return this == ALL || release.status(now).name().equals(name());
  }
}
