package fr.numi.ticket.ticket.application;

/** An agent asked for the queue of a level above their own. */
public class LevelNotAllowedException extends RuntimeException {

    public LevelNotAllowedException(int level, int agentLevel) {
        super("a level-" + agentLevel + " agent cannot work the level-" + level + " queue");
    }
}
