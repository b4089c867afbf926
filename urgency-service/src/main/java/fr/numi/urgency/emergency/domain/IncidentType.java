package fr.numi.urgency.emergency.domain;

/** What kind of cyber incident the person is going through; decides the instructions and the orientation. */
public enum IncidentType {
    /** Card or bank fraud: payments the person did not make. */
    CARD_FRAUD,
    /** Transfer scam, fake bank advisor. */
    TRANSFER_SCAM,
    /** Account taken over: e-mail, social network, WhatsApp. */
    ACCOUNT_TAKEOVER,
    /** Files encrypted, ransom demanded. */
    RANSOMWARE,
    /** Remote access or fake technical support. */
    REMOTE_ACCESS_SCAM,
    /** Blackmail, sextortion. */
    BLACKMAIL,
    /** Someone uses the person's identity. */
    IDENTITY_THEFT,
    /** A phishing link was followed (scam SMS, e-mail or call). */
    PHISHING_LINK,
    /** None of the above, or not known yet. */
    OTHER
}
