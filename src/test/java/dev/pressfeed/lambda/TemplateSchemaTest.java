package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code template.yaml} is valid against SAM's own JSON schema (draft 4, a copy in the test
 * resources with its licence note). Short-form tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt},
 * {@code !If}…) are read as their long forms first.
 */
class TemplateSchemaTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Schema SAM = load();

  static Schema load() {
    try (InputStream in = TemplateSchemaTest.class.getResourceAsStream("/sam/sam.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(JSON.readTree(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theTemplateIsValidAgainstSamsSchema() {
    List<Error> errors = SAM.validate(JSON.valueToTree(SamTemplate.load().root()));
    assertThat(errors).as("schema errors").isEmpty();
  }

  @Test
  void aMisspeltPropertyIsCaught() {
    // The check can fail: the same template with one property misspelt is refused.
    Map<String, Object> root = SamTemplate.load().root();
    Map<String, Object> function = new LinkedHashMap<>(SamTemplate.map(
        SamTemplate.map(root.get("Resources")).get("FeedFunction")));
    Map<String, Object> properties = new LinkedHashMap<>(SamTemplate.map(function.get("Properties")));
    properties.put("Handlr", properties.remove("Handler"));
    function.put("Properties", properties);
    Map<String, Object> resources = new LinkedHashMap<>(SamTemplate.map(root.get("Resources")));
    resources.put("FeedFunction", function);
    Map<String, Object> broken = new LinkedHashMap<>(root);
    broken.put("Resources", resources);
    JsonNode tree = JSON.valueToTree(broken);
    assertThat(SAM.validate(tree)).isNotEmpty();
  }
}
