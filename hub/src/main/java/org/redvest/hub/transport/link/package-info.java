/**
 * The hub's MQTT link for low-volume terminal records that bypass event ingest: {@link
 * org.redvest.hub.transport.link.HubLink} (one HiveMQ client and thread per feature) stores each
 * message through a {@link org.redvest.hub.transport.link.RecordInbox} and publishes its retained
 * acknowledgement after the commit. Used by the credential feature (refused attempts, roster) and
 * by face enrolment records.
 */
package org.redvest.hub.transport.link;
