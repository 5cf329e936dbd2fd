/**
 * {@code mobiflow inspect}'s engine: detects a feed file's kind and version and reports its
 * entities, time span and rejections, through the jobs' own decoders.
 */
package io.mobiflow.connectors.inspect;
