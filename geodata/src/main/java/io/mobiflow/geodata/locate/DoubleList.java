package io.mobiflow.geodata.locate;

import java.util.Arrays;

/** A growable list of doubles, for building flat indexes without boxing. Not thread-safe. */
final class DoubleList {
  private double[] values = new double[64];
  private int size;

  void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
