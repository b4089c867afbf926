package fr.numi.triage.qualification.domain;

/**
 * One signal that led to a decision, so an agent or supervisor can see why.
 *
 * @param signal machine-readable name, e.g. {@code red-button}, {@code category:printing}
 * @param detail what fired, in French, for people (rule keywords, never the person's own words)
 * @param weight how much it counted
 */
public record Reason(String signal, String detail, double weight) {}
