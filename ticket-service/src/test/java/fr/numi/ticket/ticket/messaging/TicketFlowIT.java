package fr.numi.ticket.ticket.messaging;

import fr.numi.ticket.support.TicketIntegrationTest;
import org.springframework.beans.factory.annotation.Value;

/** The ticket flows on the embedded KRaft broker and the in-memory Mongo-wire server. */
@TicketIntegrationTest
class TicketFlowIT extends TicketFlowScenarios {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Override
    String brokers() {
        return brokers;
    }
}
