/**
 * Tests of {@code k8s/}: an in-test kustomize renderer ({@link io.mobiflow.k8s.Kustomize}), the
 * operators' models and CRD ({@link io.mobiflow.k8s.Models}, {@link io.mobiflow.k8s.CrdSchema}) and
 * checks against the code, each returning {@link io.mobiflow.k8s.Problem}s that name the file, the
 * object and the field. Each check runs on the real files (no problem) and on a copy of a small
 * fixture with one planted mistake (exactly that problem).
 */
package io.mobiflow.k8s;
