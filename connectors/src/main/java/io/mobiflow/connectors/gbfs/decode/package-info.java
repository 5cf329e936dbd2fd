/** GBFS JSON documents to records, with Jackson. */
package io.mobiflow.connectors.gbfs.decode;
