package org.redvest.terminal.face;

/** What a face search concluded. Only {@link Known} may lead to a check-in. */
public sealed interface Identification {

  /** Similarity of the closest enrolled template. */
  double score();

  /** Enrolled person, clearly ahead of everyone else. */
  record Known(String identity, double score, double margin) implements Identification {}

  /** Close to someone but not close or distinct enough: logged for review, not acted on. */
  record NearMiss(String closest, double score, double secondScore) implements Identification {}

  /** Nobody enrolled here. */
  record Unknown(double score) implements Identification {}
}
