package fr.numi.intake.backlog.application;

import java.util.OptionalLong;

/**
 * How far the services that turn a request into a ticket are behind, as the broker last said. Every instance of intake
 * reads it from the broker on its own: no instance holds a count the others need.
 */
public interface PipelineBacklog {

    /** Records not yet consumed by the furthest-behind group; empty while unknown (not read yet, broker away). */
    OptionalLong records();

    /** Over the configured limit: an ordinary request would wait too long. Unknown or guard off: false. */
    boolean overloaded();
}
