package fr.numi.feedback.kpi.web;

import fr.numi.contracts.testing.ApiDocuments;
import fr.numi.feedback.support.FeedbackIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/api/feedback.json is the OpenAPI document feedback-service serves. */
@FeedbackIntegrationTest
class ApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void shouldServeTheCheckedInApiDocument() {
        ApiDocuments.assertUpToDate("feedback", "feedback-service", port);
    }
}
