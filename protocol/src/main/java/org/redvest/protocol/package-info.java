/**
 * The terminal ⇄ hub wire protocol (docs/protocol.md): identifiers, {@link
 * org.redvest.protocol.AttendanceEvent}, {@link org.redvest.protocol.Topics}, and {@link
 * org.redvest.protocol.WireCodec}, the single place JSON is read and validated. Plain Java plus
 * Jackson; no MQTT, database or native code, so third parties can depend on it alone.
 */
package org.redvest.protocol;
