package fr.numi.ticket.security;

import fr.numi.ticket.ticket.domain.Agent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the agent from a JWT: {@code sub} is the agent id, the {@code roles} claim holds
 * {@code AGENT_L1}, {@code AGENT_L2}, {@code AGENT_L3} and/or {@code SUPERVISOR}. The highest level wins;
 * a supervisor works at level 3 and sees everything.
 */
public final class Agents {

    public static final List<String> ROLES = List.of("AGENT_L1", "AGENT_L2", "AGENT_L3", "SUPERVISOR");

    private Agents() {}

    /** The agent, or empty when the token carries none of the roles. */
    public static Optional<Agent> from(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> roles = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
        boolean supervisor = roles.contains("SUPERVISOR");
        int level = supervisor ? 3 : roles.contains("AGENT_L3") ? 3 : roles.contains("AGENT_L2") ? 2 : roles.contains("AGENT_L1") ? 1 : 0;
        if (level == 0 || jwt.getSubject() == null) {
            return Optional.empty();
        }
        return Optional.of(new Agent(jwt.getSubject(), level, supervisor));
    }
}
