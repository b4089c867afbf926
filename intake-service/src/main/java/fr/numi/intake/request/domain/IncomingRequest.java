package fr.numi.intake.request.domain;

import fr.numi.intake.attachment.domain.Attachment;
import java.util.List;
import java.util.Objects;

/**
 * What a person asked, once the gateway's input was checked and normalised.
 *
 * @param contactProven the gateway proved the contact (the WhatsApp sender, a caller or SMS sender
 *     Twilio or the PBX saw, a code the person entered): only a proven contact may join, read or
 *     redirect the person's conversation; a contact typed on the web form is not proven
 * @param inReplyTo the ticket this message answers, when the person is known by a ticket's tracking
 *     token (the reply box of the tracking page): it joins that ticket and no other
 * @param answeredBy the agent who took the call this request records (a PBX {@code answer} event, or
 *     a call the agent logged): the ticket opens held by that agent
 */
public record IncomingRequest(
        Channel channel,
        Contact contact,
        String name,
        String subject,
        String text,
        boolean redButton,
        List<Attachment> attachments,
        boolean contactProven,
        String inReplyTo,
        String answeredBy) {

    public IncomingRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(text, "text");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message whose sender the gateway proved (WhatsApp, a call, an SMS). */
    public static IncomingRequest proven(Channel channel, Contact contact, String name, String subject, String text, boolean redButton,
            List<Attachment> attachments) {
        return new IncomingRequest(channel, contact, name, subject, text, redButton, attachments, true, null, null);
    }

    /** A request typed on the web: its contact is what the person wrote, not proven. */
    public static IncomingRequest typed(Channel channel, Contact contact, String name, String subject, String text, boolean redButton) {
        return new IncomingRequest(channel, contact, name, subject, text, redButton, List.of(), false, null, null);
    }

    public IncomingRequest answeredBy(String agentId) {
        return new IncomingRequest(channel, contact, name, subject, text, redButton, attachments, contactProven, inReplyTo, agentId);
    }

    public IncomingRequest inReplyTo(String ticketId) {
        return new IncomingRequest(channel, contact, name, subject, text, redButton, attachments, contactProven, ticketId, answeredBy);
    }

    /** How numi can write back to the person who sent this (see {@link Reachability}). */
    public List<Reachability.Route> reachableBy() {
        return Reachability.of(channel, contact, contactProven);
    }

    @Override
    public String toString() {
        return "IncomingRequest[" + channel + ", " + contact + ", proven=" + contactProven + ", text=" + Masking.text(text)
                + ", redButton=" + redButton + ", attachments=" + attachments.size() + "]";
    }
}
