package fr.numi.deploy.identity;

import java.util.List;

/**
 * The local run's demo agents, one per role: their user name is the agent id numi shows ({@code sub}), and
 * {@code deploy/local/agent-token.sh ROLE} signs in as the one of that role.
 */
public enum DemoAgents {
    L1("padawan", "AGENT_L1"),
    L2("jedi", "AGENT_L2"),
    L3("maitre", "AGENT_L3"),
    SUPERVISOR("superviseur", "SUPERVISOR"),
    DPO("dpo", "DPO");

    private final String username;
    private final String role;

    DemoAgents(String username, String role) {
        this.username = username;
        this.role = role;
    }

    public String username() {
        return username;
    }

    /** The role, as the {@code roles} claim of the agent's tokens carries it. */
    public String role() {
        return role;
    }

    public static List<DemoAgents> all() {
        return List.of(values());
    }
}
