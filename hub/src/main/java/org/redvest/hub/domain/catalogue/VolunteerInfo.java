package org.redvest.hub.domain.catalogue;

import org.redvest.protocol.VolunteerId;

/**
 * A registered volunteer.
 *
 * @param name display name, e.g. 张三
 * @param organisationId the organisation they serve with, or null
 * @param idNumberMasked identity document number with all but the first and last digits masked
 *     (the hub never needs more), or null
 */
public record VolunteerInfo(VolunteerId id, String name, String organisationId, String idNumberMasked) {}
