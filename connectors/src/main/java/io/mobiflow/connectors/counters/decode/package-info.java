/** Traffic-counter documents to records. */
package io.mobiflow.connectors.counters.decode;
