package fr.numi.urgency.emergency.domain;

/**
 * One step of the orientation: what the person does, with which service.
 *
 * @param order 1, 2, 3... (the order matters: block the card before reporting)
 * @param service the official service
 * @param action what the person does, one plain French sentence
 * @param agentNote what the level-3 agent checks or says at this step, null if nothing
 */
public record OrientationStep(int order, OfficialService service, String action, String agentNote) {}
