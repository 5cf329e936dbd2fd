/** The YAML configuration of the production commands, read and validated once at start. */
package io.mobiflow.jobs.config;
