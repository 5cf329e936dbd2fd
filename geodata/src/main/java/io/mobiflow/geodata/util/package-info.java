/** Primitive growable lists for building flat, boxing-free indexes and tables. */
package io.mobiflow.geodata.util;
