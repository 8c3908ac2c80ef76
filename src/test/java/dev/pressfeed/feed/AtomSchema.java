package dev.pressfeed.feed;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates an Atom document against RFC 4287's RELAX NG grammar (Appendix B) with RFC 6721's
 * {@code at:deleted-entry}, with Jing: the schemas are in {@code src/test/resources/schema}
 * (see the README there for their source).
 */
public final class AtomSchema {

  private AtomSchema() {}

  /** What the validator found wrong; empty when the document is valid. */
  public static List<String> problems(String xml) {
    List<String> problems = new ArrayList<>();
    ErrorHandler collect = new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {}

      @Override
      public void error(SAXParseException e) {
        problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        error(e);
      }
    };
    PropertyMapBuilder properties = new PropertyMapBuilder();
    properties.put(ValidateProperty.ERROR_HANDLER, collect);
    ValidationDriver driver =
        new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
    URL schema = AtomSchema.class.getResource("/schema/atom-tombstones.rnc");
    if (schema == null) {
      throw new AssertionError("src/test/resources/schema/atom-tombstones.rnc is missing");
    }
    try {
      if (!driver.loadSchema(new InputSource(schema.toExternalForm()))) {
        throw new AssertionError("the Atom schema does not load: " + problems);
      }
      driver.validate(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      problems.add(e.toString());
    }
    return problems;
  }
}
