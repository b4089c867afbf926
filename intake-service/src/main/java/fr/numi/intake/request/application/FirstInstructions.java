package fr.numi.intake.request.application;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person who pressed the red button reads in the 202 answer, before anyone knows what happened to them: the
 * {@code OTHER} type of the level-3 playbook's instructions (contracts' {@code instructions-fr.json}, the file
 * urgency-service sends per incident type a moment later). The lines hold whatever the incident; the closing line
 * names the ticket.
 *
 * @param title the heading ("Urgence cyber : faites ceci tout de suite.")
 * @param lines one action per line
 * @param version the playbook's version, so a support agent knows which text the person read
 * @param closing the line that names the ticket, with {@code {ticketId}} in it
 */
public record FirstInstructions(String title, List<String> lines, String version, String closing) {

    /** The type urgency-service uses when it cannot tell what happened: the lines that hold for every incident. */
    static final String WHATEVER_HAPPENED = "OTHER";

    public FirstInstructions {
        lines = List.copyOf(lines);
    }

    /** The closing line for one ticket. */
    public String closingFor(String ticketId) {
        return closing.replace("{ticketId}", ticketId);
    }

    /**
     * Reads the instructions file; a file that is missing, unreadable or without the {@code OTHER} type's title and
     * lines stops start-up with a message naming the file and the fault.
     */
    public static FirstInstructions load(Resource file) {
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("red-button instructions " + file.getDescription() + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode other = root.path("incidents").path(WHATEVER_HAPPENED);
        List<String> lines = new ArrayList<>();
        other.path("lines").forEach(line -> {
            if (line.isString() && !line.asString().isBlank()) {
                lines.add(line.asString().strip());
            }
        });
        String title = other.path("title").asString("").strip();
        String version = root.path("version").asString("").strip();
        String closing = root.path("closing").asString("").strip();
        if (title.isEmpty() || lines.isEmpty() || version.isEmpty() || !closing.contains("{ticketId}")) {
            throw new IllegalStateException("red-button instructions " + file.getDescription()
                    + " need a version, a closing line with {ticketId} and incidents." + WHATEVER_HAPPENED + " with a title and lines");
        }
        return new FirstInstructions(title, lines, version, closing);
    }
}
