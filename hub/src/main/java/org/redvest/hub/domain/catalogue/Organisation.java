package org.redvest.hub.domain.catalogue;

/**
 * A volunteer organisation; also the issuer block of a service-record certificate.
 *
 * @param parentId the organisation above it (a city's above a district's), or null
 * @param personInCharge 负责人
 * @param handler 经办人
 * @param contact phone or address for enquiries
 */
public record Organisation(String id, String name, String parentId, String personInCharge, String handler,
    String contact) {}
