/**
 * Frames from the kiosk camera or a recording: {@link org.redvest.terminal.capture.FrameSource#open}
 * picks the source a hardware profile names (V4L2 camera, RTSP stream, video file or image
 * folder) and hands out {@link org.redvest.terminal.capture.Frame}s, plain Java values converted
 * once from JavaCV, so that nothing past this package touches native memory.
 */
package org.redvest.terminal.capture;
