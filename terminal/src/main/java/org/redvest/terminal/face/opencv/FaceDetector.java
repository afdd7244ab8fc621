package org.redvest.terminal.face.opencv;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.redvest.terminal.face.FaceBox;

/** Finds faces in a BGR image; boxes and landmarks are in the image's own pixels. */
interface FaceDetector extends AutoCloseable {

  List<FaceBox> detect(Mat bgr);

  /** True for the cascade fallback, whose landmarks are guessed from the box. */
  boolean degraded();

  @Override
  void close();
}
