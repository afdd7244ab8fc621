/**
 * A demo without volunteers: {@link org.redvest.terminal.demo.DemoVideo} renders a {@link
 * org.redvest.terminal.demo.DemoScript} (who shows which {@code RV1:} badge when) into an MP4 that
 * the {@code replay-video} hardware profile plays as if it were the camera, plus the badge PNGs
 * for printing. The script also says how many minutes each volunteer should be credited.
 */
package org.redvest.terminal.demo;
