package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.Instructions;
import fr.numi.urgency.emergency.domain.Orientation;
import fr.numi.urgency.emergency.domain.Urgency;

/** What the declared event tells ticket-service: the urgency and the content level 3 works with. */
public record Declaration(
        Urgency urgency, String incidentLabel, String instructionsVersion, Instructions instructions, String orientationVersion,
        Orientation orientation) {}
