package fr.numi.urgency.emergency.content;

import fr.numi.urgency.emergency.domain.IncidentClassifier;
import fr.numi.urgency.emergency.domain.IncidentProfile;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.Instructions;
import fr.numi.urgency.emergency.domain.InvalidPlaybookException;
import fr.numi.urgency.emergency.domain.OfficialService;
import fr.numi.urgency.emergency.domain.Orientation;
import fr.numi.urgency.emergency.domain.OrientationStep;
import fr.numi.urgency.emergency.domain.Playbook;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the protocol's content from its three French data files (incident types, instructions,
 * orientation) and hands it to {@link Playbook#validated}. Every problem, of shape or of content, is
 * reported at once, naming the file and the place, so level 3 can fix the files without reading code.
 */
public final class PlaybookFiles {

    /** The playbook and the classifier built from the same incident-types file. */
    public record Content(Playbook playbook, IncidentClassifier classifier) {}

    private final JsonMapper json;

    public PlaybookFiles(JsonMapper json) {
        this.json = json;
    }

    public Content load(Resource incidentTypes, Resource instructions, Resource orientation) {
        List<String> problems = new ArrayList<>();
        JsonNode typesRoot = read(incidentTypes, problems);
        JsonNode instructionsRoot = read(instructions, problems);
        JsonNode orientationRoot = read(orientation, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }

        List<IncidentProfile> profiles = new ArrayList<>();
        for (JsonNode node : typesRoot.path("types")) {
            IncidentType type = type(node.path("type").asString(null), "incident types", problems);
            if (type != null) {
                profiles.add(new IncidentProfile(type, text(node, "label"), strings(node.path("triageCategories")),
                        strings(node.path("keywords"))));
            }
        }
        Map<String, IncidentType> fallbacks = new LinkedHashMap<>();
        typesRoot.path("categoryFallbacks").properties().forEach(e -> {
            IncidentType type = type(e.getValue().asString(null), "incident types categoryFallbacks." + e.getKey(), problems);
            if (type != null) {
                fallbacks.put(e.getKey(), type);
            }
        });

        List<Instructions> allInstructions = new ArrayList<>();
        instructionsRoot.path("incidents").properties().forEach(e -> {
            IncidentType type = type(e.getKey(), "instructions", problems);
            if (type != null) {
                allInstructions.add(new Instructions(type, text(e.getValue(), "title"), strings(e.getValue().path("lines"))));
            }
        });

        Map<String, OfficialService> services = new LinkedHashMap<>();
        orientationRoot.path("services").properties().forEach(e -> services.put(e.getKey(), new OfficialService(e.getKey(),
                text(e.getValue(), "name"), text(e.getValue(), "phone"), text(e.getValue(), "url"), text(e.getValue(), "contact"),
                text(e.getValue(), "hours"))));
        String intro = text(orientationRoot, "intro");
        Map<IncidentType, Orientation> orientations = new EnumMap<>(IncidentType.class);
        orientationRoot.path("incidents").properties().forEach(e -> {
            IncidentType type = type(e.getKey(), "orientation", problems);
            if (type == null) {
                return;
            }
            List<OrientationStep> steps = new ArrayList<>();
            int order = 1;
            for (JsonNode step : e.getValue()) {
                String serviceId = text(step, "service");
                OfficialService service = services.get(serviceId);
                if (service == null) {
                    problems.add("orientation " + type + " step " + order + ": unknown service '" + serviceId + "'");
                }
                steps.add(new OrientationStep(order++, service, text(step, "action"), text(step, "agentNote")));
            }
            orientations.put(type, new Orientation(type, intro, steps));
        });
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }
        Playbook playbook = Playbook.validated(text(instructionsRoot, "version"), text(orientationRoot, "version"),
                text(instructionsRoot, "closing"), profiles, allInstructions, List.copyOf(orientations.values()));
        return new Content(playbook, new IncidentClassifier(profiles, fallbacks));
    }

    private JsonNode read(Resource resource, List<String> problems) {
        try (InputStream in = resource.getInputStream()) {
            return json.readTree(in);
        } catch (IOException | JacksonException e) {
            problems.add(resource.getDescription() + ": unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return null;
        }
    }

    private static IncidentType type(String name, String where, List<String> problems) {
        try {
            return IncidentType.valueOf(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": unknown incident type '" + name + "'");
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
