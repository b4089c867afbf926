package fr.numi.ticket.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.ticket.support.TicketIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** docs/services/ticket-openapi.yaml describes exactly the endpoints the service maps. */
@TicketIntegrationTest
class OpenApiDocIT {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentEveryEndpointAndNoOther() throws IOException {
        // given
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(Path.of("../docs/services/ticket-openapi.yaml"))) {
            doc = new Yaml().load(in);
        }
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, ops) ->
                ops.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        // when
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternsCondition().getPatterns().forEach(pattern ->
                info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern.getPatternString()))));

        // then
        assertThat(documented).isEqualTo(mapped);
    }
}
