package fr.numi.contracts.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The categories of situation the hotline knows ({@code categories-fr.json}): the id events carry ({@code printing}),
 * the French label agents read (« Impression ») and the level a category goes to by default. triage-service's rules
 * define the same categories; ticket-service names them to agents and accepts only these in a triage correction.
 */
public final class Categories {

    public static final String RESOURCE = "/fr/numi/contracts/triage/categories-fr.json";

    /** One category. */
    public record Category(String id, String label, int level) {}

    private static final Categories FRENCH = load();

    private final Map<String, Category> byId;

    private Categories(Map<String, Category> byId) {
        this.byId = byId;
    }

    public static Categories french() {
        return FRENCH;
    }

    /** Every category, in the catalogue's order. */
    public List<Category> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Category> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The label of a known category; an unknown id (one an older triage used) reads as itself. */
    public String label(String id) {
        return find(id).map(Category::label).orElse(id);
    }

    private static Categories load() {
        try (InputStream in = Categories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            Map<String, Category> byId = new LinkedHashMap<>();
            for (JsonNode node : JsonMapper.builder().build().readTree(in).get("categories")) {
                Category category = new Category(node.get("id").asString(), node.get("label").asString(), node.get("level").asInt());
                if (byId.put(category.id(), category) != null) {
                    throw new IllegalStateException(RESOURCE + " names " + category.id() + " twice");
                }
            }
            return new Categories(byId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
