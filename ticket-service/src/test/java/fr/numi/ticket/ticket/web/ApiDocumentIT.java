package fr.numi.ticket.ticket.web;

import fr.numi.contracts.testing.ApiDocuments;
import fr.numi.ticket.support.TicketIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/api/ticket.json is the OpenAPI document ticket-service serves: every agent and tracking endpoint. */
@TicketIntegrationTest
class ApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void shouldServeTheCheckedInApiDocument() {
        ApiDocuments.assertUpToDate("ticket", "ticket-service", port);
    }
}
