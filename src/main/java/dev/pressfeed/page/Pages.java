package dev.pressfeed.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/**
 * The compiled templates ({@code src/main/jte}, compiled to Java by jte-maven-plugin at build
 * time into {@value #PACKAGE}): nothing is parsed or compiled when a page is rendered.
 */
final class Pages {

  static final String PACKAGE = "dev.pressfeed.page.templates";
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), PACKAGE);

  private Pages() {}

  static byte[] index(IndexView view) {
    return render("index.jte", view);
  }

  static byte[] release(ReleaseView view) {
    return render("release.jte", view);
  }

  static byte[] problem(ErrorView view) {
    return render("problem.jte", view);
  }

  private static byte[] render(String template, Object view) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    ENGINE.render(template, view, out);
    return out.toByteArray();
  }
}
