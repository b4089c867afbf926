package fr.numi.intake.delivery.application;

import fr.numi.intake.delivery.domain.Via;
import fr.numi.intake.request.domain.Masking;

/**
 * One message ready for a provider.
 *
 * @param via its form (WhatsApp text, template or interactive list; SMS)
 * @param to the recipient: a {@code wa_id}/E.164 number or a WhatsApp user id
 * @param ticketId the reference quoted in templates and survey payloads
 * @param text the message (for a survey: the question)
 * @param survey true for the satisfaction survey (buttons/rows 1 to 5)
 * @param idempotencyKey the notification's {@link fr.numi.intake.delivery.domain.IdempotencyKey}: the same on every
 *     attempt; a provider that takes one is given it (SMTP: the Message-ID)
 */
public record OutgoingMessage(Via via, String to, String ticketId, String text, boolean survey, String idempotencyKey) {

    @Override
    public String toString() {
        return "OutgoingMessage[" + via + ", " + Masking.contact(to) + ", " + ticketId + ", text=" + Masking.text(text) + ", "
                + idempotencyKey + "]";
    }
}
