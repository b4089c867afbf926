package fr.numi.ticket.ticket.domain;

/** The lifecycle of a ticket. Only {@link Ticket} moves a ticket from one status to another. */
public enum TicketStatus {
    RECEIVED("Demande reçue", "Nous étudions votre demande pour l'orienter vers le bon conseiller."),
    QUALIFIED("Demande orientée", "Un conseiller va prendre votre demande en charge. Vous serez prévenu(e) à chaque étape."),
    IN_PROGRESS("Prise en charge", "Un conseiller s'occupe de votre demande."),
    WAITING_FOR_PERSON("En attente de votre réponse", "Nous attendons une réponse de votre part pour continuer."),
    RESOLVED("Résolue", "Votre demande est résolue. Dites-nous si l'aide vous a convenu."),
    CLOSED("Close", "Votre demande est close. Vous pouvez nous recontacter à tout moment."),
    REOPENED("Rouverte", "Votre demande a été rouverte : un conseiller la reprend."),
    MERGED("Regroupée", "Votre demande a été regroupée avec une autre demande : un conseiller suit les deux ensemble.");

    private final String label;
    private final String nextStep;

    TicketStatus(String label, String nextStep) {
        this.label = label;
        this.nextStep = nextStep;
    }

    /** The status in plain French, for the person. */
    public String label() {
        return label;
    }

    /** What happens next, in plain French, for the person. */
    public String nextStep() {
        return nextStep;
    }
}
