/**
 * Kiosk hardware profiles: {@link org.redvest.profiles.HardwareProfile} loads and validates one
 * YAML profile (camera source and orientation, QR scanner kind, display, face models) and lists
 * the profiles shipped for the supported kiosk hardware. Plain Java plus SnakeYAML.
 */
package org.redvest.profiles;
