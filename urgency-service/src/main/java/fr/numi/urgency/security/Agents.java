package fr.numi.urgency.security;

import fr.numi.urgency.emergency.domain.Agent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the agent from a JWT, as ticket-service does: {@code sub} is the agent id, the {@code roles}
 * claim holds {@code AGENT_L1}, {@code AGENT_L2}, {@code AGENT_L3} and/or {@code SUPERVISOR}. The
 * highest level wins; a supervisor works at level 3.
 */
public final class Agents {

    private Agents() {}

    /** The agent, or empty when the token carries none of the roles. */
    public static Optional<Agent> from(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> roles = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
        boolean supervisor = roles.contains("SUPERVISOR");
        int level = supervisor ? 3 : roles.contains("AGENT_L3") ? 3 : roles.contains("AGENT_L2") ? 2 : roles.contains("AGENT_L1") ? 1 : 0;
        if (level == 0 || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Agent(jwt.getSubject(), level, supervisor));
    }
}
