package fr.numi.intake.request.web;

/** The 202 answer: the reference to quote on the phone and the private link to follow the request. */
record RequestAccepted(String ticketId, String trackingToken, String trackingUrl, String status, String message) {}
