package fr.numi.intake.phone.web;

/** The TwiML numi answers with, in French; relative URLs resolve against the callback's own URL. */
final class Twiml {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
    private static final String TAIL = "</Response>";

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

    static final String EMPTY = HEAD + TAIL;

    private Twiml() {}
}
