/**
 * {@code publish}: signs and sends a JSON-lines file of attendance events as this provisioned
 * terminal, through its own outbox, for integrators, load tests and the fault suite. {@link
 * org.redvest.terminal.publish.EventLines} reads and checks the whole file before anything is
 * appended; {@link org.redvest.terminal.publish.PublishCommand} is the entry point.
 */
package org.redvest.terminal.publish;
