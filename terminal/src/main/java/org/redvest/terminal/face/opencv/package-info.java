/**
 * The face models on OpenCV via JavaCV: {@link org.redvest.terminal.face.opencv.OpenCvFaceReader}
 * runs YuNet (or the bundled LBP cascade, degraded), five-point alignment, the ONNX recogniser
 * described by the hardware profile and the passive liveness model, each frame inside one
 * pointer scope; model files are checked against their SHA-256 before loading.
 * {@link org.redvest.terminal.face.opencv.FaceCommand} is the {@code face} diagnostics command.
 */
package org.redvest.terminal.face.opencv;
