package fr.numi.feedback.kpi.application;

import java.time.Instant;

/** Writes survey requests to {@code feedback.survey-requested.v1} (intake asks the person on their channel). */
public interface SurveyPublisher {

    record SurveyRequest(String surveyId, String ticketId, String customerId, String channel, Integer level, Instant resolvedAt,
            Instant requestedAt) {}

    /** Returns once the broker acknowledged; throws otherwise. */
    void publish(SurveyRequest request);
}
