package io.mobiflow.k8s;

/**
 * One thing wrong in {@code k8s/}: where it is and what is wrong.
 *
 * @param file the file, relative to the repository root (e.g. {@code k8s/base/serve.yaml})
 * @param object the object in it, {@code Kind/name}, or {@code ""} for a file that holds none
 * @param field the field, dotted (e.g. {@code spec.job.entryClass}), or {@code ""}
 * @param message what is wrong, with the value found
 */
record Problem(String file, String object, String field, String message) {

  @Override
  public String toString() {
    return file + ": " + object + ": " + field + ": " + message;
  }
}
