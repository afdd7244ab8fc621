package org.redvest.terminal.face.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromONNX;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.redvest.profiles.RecognizerModel;
import org.redvest.terminal.face.Embedding;

/** An ONNX face-recognition model run by OpenCV DNN, fed as its {@link RecognizerModel} says. */
final class OnnxRecognizer implements AutoCloseable {
  private final Net net;
  private final RecognizerModel model;
  private boolean closed;

  private OnnxRecognizer(Net net, RecognizerModel model) {
    this.net = net;
    this.model = model;
  }

  /** Loads {@code model.file()} from {@code directory} after checking its SHA-256. */
  static OnnxRecognizer load(Path directory, RecognizerModel model) {
    Path file = ModelFile.verified(directory.resolve(model.file()), model.sha256());
    Net net = readNetFromONNX(file.toString());
    if (net.empty()) {
      net.close();
      throw new IllegalStateException("OpenCV DNN cannot load " + file);
    }
    return new OnnxRecognizer(net, model);
  }

  RecognizerModel model() {
    return model;
  }

  /** The template of a face aligned to {@code model.inputSize()} pixels square. */
  @SuppressWarnings("try") // the scope releases the native objects made inside it
  synchronized Embedding embed(Mat aligned) {
    try (PointerScope scope = new PointerScope()) {
      double m = model.mean();
      Mat blob = blobFromImage(aligned, model.scale(), new Size(model.inputSize(), model.inputSize()),
          new Scalar(m, m, m, 0), model.channelOrder() == RecognizerModel.ChannelOrder.RGB, false, CV_32F);
      net.setInput(blob);
      Mat out = net.forward();
      if (out.total() != model.outputSize()) {
        throw new IllegalStateException(model.file() + " gave " + out.total() + " values, its descriptor says "
            + model.outputSize());
      }
      float[] values = new float[model.outputSize()];
      ((FloatBuffer) out.createBuffer()).get(values);
      return Embedding.of(values);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      net.close();
    }
  }
}
