package dev.pressfeed.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressfeed.http.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import nu.validator.htmlparser.sax.HtmlParser;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.SAXParseException;

/**
 * A page as a browser builds it: the bytes parsed by the Nu validator's HTML5 parser (the
 * tree-building algorithm browsers share) into a DOM, with every parse error the page has. The
 * encoding is not given to the parser: it finds it as a browser does, from the page's own
 * {@code <meta charset>}, so a page that lost it would show its umlauts broken here too.
 */
record ParsedPage(Document document, List<String> parseErrors, String raw) {

  static final String XHTML = "http://www.w3.org/1999/xhtml";
  /** Looked up once: a builder made without one asks JAXP, which searches the class path each time. */
  static final DOMImplementation DOM = domImplementation();
  private static final ObjectMapper JSON = new ObjectMapper();

  static ParsedPage of(Response response) {
    return of(response.body());
  }

  static ParsedPage of(byte[] html) {
    try {
      Document document = new HtmlDocumentBuilder(DOM, XmlViolationPolicy.ALLOW)
          .parse(new InputSource(new ByteArrayInputStream(html)));
      return new ParsedPage(document, parseErrors(html), new String(html, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("the HTML5 parser gave up on the page: " + e, e);
    }
  }

  /**
   * The parse errors of the HTML5 spec the page has (stray or misnested tags, forbidden code
   * points, a missing doctype…), as the Nu parser's SAX front reports them: its DOM builder
   * tokenizes without reporting, so the page is read a second time for them.
   */
  static List<String> parseErrors(byte[] html) throws IOException, SAXException {
    List<String> errors = new ArrayList<>();
    reporting(errors).parse(new InputSource(new ByteArrayInputStream(html)));
    return List.copyOf(errors);
  }

  /** The parse errors of a fragment of HTML placed in a {@code <div>}, without their positions. */
  static List<String> fragmentParseErrors(String html) {
    List<String> errors = new ArrayList<>();
    try {
      reporting(errors).parseFragment(new InputSource(new java.io.StringReader(html)), "div");
    } catch (IOException | SAXException e) {
      throw new AssertionError("the HTML5 parser gave up on a fragment: " + e, e);
    }
    return errors.stream().map(ParsedPage::withoutPosition).toList();
  }

  static String withoutPosition(String error) {
    return error.substring(error.indexOf(' ') + 1);
  }

  private static HtmlParser reporting(List<String> errors) {
    HtmlParser parser = new HtmlParser(XmlViolationPolicy.ALLOW);
    parser.setErrorHandler(new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {
        // Warnings are advice (e.g. about the encoding declaration's position), not errors.
      }

      @Override
      public void error(SAXParseException e) {
        errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        error(e);
      }
    });
    parser.setContentHandler(new DefaultHandler());
    return parser;
  }

  private static DOMImplementation domImplementation() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  Element root() {
    return document.getDocumentElement();
  }

  /** Every element named {@code tag} (HTML namespace), in document order. */
  List<Element> all(String tag) {
    return all(root(), tag);
  }

  static List<Element> all(Element scope, String tag) {
    List<Element> found = new ArrayList<>();
    var nodes = scope.getElementsByTagNameNS(XHTML, tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  /** Every element of the document in any namespace (SVG and MathML too), in document order. */
  List<Element> elements() {
    List<Element> found = new ArrayList<>();
    var nodes = document.getElementsByTagName("*");
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  List<Element> all(String tag, Predicate<Element> test) {
    return all(tag).stream().filter(test).toList();
  }

  static List<Element> all(Element scope, String tag, Predicate<Element> test) {
    return all(scope, tag).stream().filter(test).toList();
  }

  /** The one element named {@code tag} that passes {@code test}; an assertion error otherwise. */
  Element one(String tag, Predicate<Element> test) {
    return one(root(), tag, test);
  }

  Element one(String tag) {
    return one(tag, e -> true);
  }

  static Element one(Element scope, String tag, Predicate<Element> test) {
    List<Element> found = all(scope, tag, test);
    if (found.size() != 1) {
      throw new AssertionError("expected one <" + tag + "> that matches, found " + found.size());
    }
    return found.get(0);
  }

  static Element one(Element scope, String tag) {
    return one(scope, tag, e -> true);
  }

  static Predicate<Element> withClass(String name) {
    return e -> List.of(e.getAttribute("class").split("\\s+")).contains(name);
  }

  static Predicate<Element> with(String attribute, String value) {
    return e -> e.hasAttribute(attribute) && e.getAttribute(attribute).equals(value);
  }

  /** The text a DOM holds for an element: what a reader sees, before CSS collapses spaces. */
  static String text(Element element) {
    return element.getTextContent();
  }

  /** Text with runs of white space as one space and no space at the ends, as a browser shows it. */
  static String shown(Element element) {
    return collapse(element.getTextContent());
  }

  static String collapse(String text) {
    return text.replaceAll("[ \\t\\n\\r\\f]+", " ").strip();
  }

  String lang() {
    return root().getAttribute("lang");
  }

  String title() {
    return text(one("title"));
  }

  /** The content of {@code <meta property=…>} elements, in order. */
  List<String> properties(String property) {
    return all("meta", with("property", property)).stream().map(e -> e.getAttribute("content")).toList();
  }

  Optional<String> property(String property) {
    List<String> values = properties(property);
    if (values.size() > 1) {
      throw new AssertionError(values.size() + " meta elements for " + property);
    }
    return values.stream().findFirst();
  }

  Optional<String> metaName(String name) {
    return all("meta", with("name", name)).stream().map(e -> e.getAttribute("content")).findFirst();
  }

  /** {@code href} of the {@code <link>} elements with this {@code rel}. */
  List<String> links(String rel) {
    return all("link", with("rel", rel)).stream().map(e -> e.getAttribute("href")).toList();
  }

  Optional<String> canonical() {
    List<String> canonical = links("canonical");
    if (canonical.size() > 1) {
      throw new AssertionError(canonical.size() + " canonical links");
    }
    return canonical.stream().findFirst();
  }

  /** Feed autodiscovery: {@code type → href} of each {@code <link rel="alternate">}, in order. */
  List<Map.Entry<String, String>> alternates() {
    return all("link", with("rel", "alternate")).stream()
        .map(e -> Map.entry(e.getAttribute("type"), e.getAttribute("href"))).toList();
  }

  /** The page's one JSON-LD document, parsed; empty when it has none. */
  Optional<JsonNode> jsonLd() {
    List<Element> scripts = all("script", with("type", "application/ld+json"));
    if (scripts.size() > 1) {
      throw new AssertionError(scripts.size() + " JSON-LD scripts");
    }
    return scripts.stream().findFirst().map(script -> {
      try {
        return JSON.readTree(text(script));
      } catch (Exception e) {
        throw new AssertionError("the JSON-LD is not JSON: " + e.getMessage());
      }
    });
  }

  /** Whether {@code node} lies inside {@code ancestor}. */
  static boolean inside(Node node, Element ancestor) {
    for (Node n = node.getParentNode(); n != null; n = n.getParentNode()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The query of a URL, decoded as a server (API Gateway, the local gateway) decodes it. */
  static Map<String, String> query(String url) {
    String raw = URI.create(url).getRawQuery();
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  /** The path of a URL, without its query. */
  static String path(String url) {
    return URI.create(url).getRawPath();
  }
}
