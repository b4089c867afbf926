package fr.numi.intake.request.web;

import fr.numi.contracts.testing.ApiDocuments;
import fr.numi.intake.support.IntakeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/api/intake.json is the OpenAPI document intake-service serves. */
@IntakeIntegrationTest
class ApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void shouldServeTheCheckedInApiDocument() {
        ApiDocuments.assertUpToDate("intake", "intake-service", port);
    }
}
