/** Spatial keys for windows that are not configured zones: H3 cells at a chosen resolution. */
package io.mobiflow.geodata.key;
