package fr.numi.intake.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Generic CTI push (PBX bridges), bound from {@code numi.intake.cti.*}.
 *
 * @param tokens one secret token per bridge, by name: the bridge posts to {@code /api/v1/cti/<token>};
 *     none configured = every push refused (404)
 * @param agents who answered, by extension or by the PBX's user name ({@code answeringNumber} or
 *     {@code user[0]} of the {@code answer} push) → numi agent id; unknown ones become {@code cti:<name>}
 */
@ConfigurationProperties("numi.intake.cti")
public record CtiProperties(Map<String, String> tokens, Map<String, String> agents) {

    public CtiProperties {
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
        agents = agents == null ? Map.of() : Map.copyOf(agents);
    }

    /** The numi agent who answered, from the PBX's answering extension or user name. */
    public String agentFor(String answeringNumber, java.util.List<String> users) {
        if (answeringNumber != null && agents.containsKey(answeringNumber)) {
            return agents.get(answeringNumber);
        }
        String user = users == null || users.isEmpty() ? null : users.get(0);
        if (user != null && agents.containsKey(user)) {
            return agents.get(user);
        }
        String who = user != null && !user.isBlank() ? user : answeringNumber;
        return who == null || who.isBlank() ? "cti:inconnu" : "cti:" + who.strip().replaceAll("[^A-Za-z0-9._@-]", "_");
    }
}
