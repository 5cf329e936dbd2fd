/** Records of GBFS feeds, one model for GBFS 1.x, 2.x and 3.0. */
package io.mobiflow.connectors.gbfs.model;
