package io.mobiflow.geodata.util;

import java.util.Arrays;

/** A growable list of doubles, for building flat indexes without boxing. Not thread-safe. */
public final class DoubleList {
  private double[] values = new double[64];
  private int size;

  public void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  public int size() {
    return size;
  }

  public double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
