package org.redvest.profiles;

/**
 * The kiosk's local screen.
 *
 * @param width screen width in pixels
 * @param height screen height in pixels
 * @param locale UI language, {@code zh-CN} (default) or {@code en}
 */
public record Display(int width, int height, String locale) {}
