package fr.numi.triage.qualification.web;

import fr.numi.contracts.testing.ApiDocuments;
import fr.numi.triage.support.TriageIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/api/triage.json is the OpenAPI document triage-service serves. */
@TriageIntegrationTest
class ApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void shouldServeTheCheckedInApiDocument() {
        ApiDocuments.assertUpToDate("triage", "triage-service", port);
    }
}
