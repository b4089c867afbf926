package fr.numi.urgency.emergency.web;

import fr.numi.contracts.testing.ApiDocuments;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/api/urgency.json is the OpenAPI document urgency-service serves. */
@UrgencyIntegrationTest
class ApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void shouldServeTheCheckedInApiDocument() {
        ApiDocuments.assertUpToDate("urgency", "urgency-service", port);
    }
}
