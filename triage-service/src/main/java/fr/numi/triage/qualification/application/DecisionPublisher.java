package fr.numi.triage.qualification.application;

/** Port: makes a decision durable on the event log. Returns only once the broker acknowledged it. */
public interface DecisionPublisher {

    /** @throws DecisionNotPublishedException when the broker did not acknowledge in time */
    void publish(TriagedRequest triaged);
}
