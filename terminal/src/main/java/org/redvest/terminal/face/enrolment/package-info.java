/**
 * Enrolment and privacy: {@link org.redvest.terminal.face.enrolment.TemplateVault} keeps templates
 * sealed with a {@link org.redvest.terminal.face.enrolment.TemplateKey} held outside the database,
 * with the volunteer's {@link org.redvest.terminal.face.enrolment.Consent} and the enrolment
 * records owed to the hub; {@link org.redvest.terminal.face.enrolment.Enrolments} enrols a
 * completed {@link org.redvest.terminal.face.enrolment.EnrolmentSession} or withdraws a volunteer
 * (templates purged for good, the hub told through the enrolment relay).
 */
package org.redvest.terminal.face.enrolment;
