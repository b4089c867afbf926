package fr.numi.intake.request.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.numi.intake.request.application.FirstInstructions;
import java.util.List;

/**
 * The 202 answer: the reference to quote on the phone and the private link to follow the request; for a red button,
 * the first instructions too, so the person reads what to do at once, whatever the backlog behind the request.
 */
record RequestAccepted(String ticketId, String trackingToken, String trackingUrl, String status, String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instructions firstInstructions) {

    /** The lines that hold whatever happened; the tracking page replaces them with the incident's own within seconds. */
    record Instructions(String title, List<String> lines, String version) {

        static Instructions of(FirstInstructions instructions) {
            return new Instructions(instructions.title(), instructions.lines(), instructions.version());
        }
    }
}
