package fr.numi.intake.phone.web;

/** The TwiML numi answers with, in French; relative URLs resolve against the callback's own URL. */
final class Twiml {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
    private static final String TAIL = "</Response>";

    /** The menu with choice 0 (an agent) when the hotline has agents' lines. */
    static String menu(boolean agents) {
        return agents ? MENU.replace("Pour un problème technique, tapez 2. ",
                "Pour un problème technique, tapez 2. Pour parler tout de suite à un conseiller, tapez 0. ") : MENU;
    }

    /**
     * Rings every agent's line at once; the first to answer gets the call (Twilio asks {@code answered}
     * on their leg, so numi knows who); nobody: {@code dialed} says so and the caller leaves a message.
     */
    static String dial(String callSid, java.util.Map<String, String> lines) {
        StringBuilder xml = new StringBuilder(HEAD)
                .append("<Say language=\"fr-FR\">Nous vous mettons en relation avec un conseiller. Merci de patienter.</Say>")
                .append("<Dial action=\"dialed\" method=\"POST\" timeout=\"25\">");
        lines.forEach((agent, line) -> {
            String url = "answered?call=" + escape(callSid) + "&amp;agent=" + escape(agent);
            if (line.startsWith("sip:")) {
                xml.append("<Sip url=\"").append(url).append("\">").append(escape(line)).append("</Sip>");
            } else {
                xml.append("<Number url=\"").append(url).append("\">").append(escape(line)).append("</Number>");
            }
        });
        return xml.append("</Dial>").append(TAIL).toString();
    }

    /** Heard by the agent who picked up, before the two are connected. */
    static final String WHISPER = HEAD + "<Say language=\"fr-FR\">Appel de l'assistance numi : le dossier s'ouvre dans votre console.</Say>" + TAIL;

    static final String NOBODY = HEAD
            + "<Say language=\"fr-FR\">Aucun conseiller n'est disponible pour le moment.</Say>"
            + "<Redirect method=\"POST\">record</Redirect>"
            + TAIL;

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static final String MENU = HEAD
            + "<Gather input=\"dtmf speech\" numDigits=\"1\" language=\"fr-FR\" timeout=\"6\" action=\"gather\" method=\"POST\">"
            + "<Say language=\"fr-FR\">Bonjour, vous êtes bien à l'assistance numérique. "
            + "Pour une question simple, tapez 1. Pour un problème technique, tapez 2. "
            + "Si vous êtes victime d'une arnaque ou d'un piratage en ce moment, tapez 9. "
            + "Vous pouvez aussi dire votre demande après le signal.</Say>"
            + "</Gather>"
            + "<Say language=\"fr-FR\">Nous n'avons pas compris votre choix.</Say>"
            + "<Redirect method=\"POST\">gather</Redirect>"
            + TAIL;

    static final String RECORD = HEAD
            + "<Say language=\"fr-FR\">Après le bip, décrivez votre problème en quelques phrases, puis raccrochez.</Say>"
            + "<Record maxLength=\"120\" playBeep=\"true\" action=\"recording\" method=\"POST\" transcribe=\"true\" transcribeCallback=\"transcription\"/>"
            + "<Say language=\"fr-FR\">Nous n'avons pas reçu de message. Un conseiller vous rappellera.</Say>"
            + TAIL;

    static final String RED_BUTTON = HEAD
            + "<Say language=\"fr-FR\">Votre urgence est transmise à un expert, qui vous rappelle très vite. "
            + "En attendant : ne payez rien, ne donnez aucun code, et débranchez l'appareil d'internet.</Say>"
            + "<Record maxLength=\"120\" playBeep=\"true\" action=\"recording\" method=\"POST\" transcribe=\"true\" transcribeCallback=\"transcription\"/>"
            + TAIL;

    static final String GOODBYE = HEAD
            + "<Say language=\"fr-FR\">Merci, votre message est bien reçu. Un conseiller vous répond au plus vite. Au revoir.</Say><Hangup/>"
            + TAIL;

    /** MongoDB is away: the call is published as a call-back request, and the caller is told so. */
    static final String CALL_BACK = HEAD
            + "<Say language=\"fr-FR\">Merci, votre appel est bien enregistré. Un conseiller vous rappelle au plus vite à ce numéro. "
            + "Au revoir.</Say><Hangup/>"
            + TAIL;

    /** MongoDB is away and the number is hidden: nobody could call back. */
    static final String CALL_AGAIN = HEAD
            + "<Say language=\"fr-FR\">Notre service est momentanément indisponible et votre numéro est masqué. "
            + "Merci de nous rappeler dans quelques minutes. Au revoir.</Say><Hangup/>"
            + TAIL;

    static final String EMPTY = HEAD + TAIL;

    private Twiml() {}
}
