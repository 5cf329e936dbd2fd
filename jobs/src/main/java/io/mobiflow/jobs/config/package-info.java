/**
 * The YAML configuration of the production commands, read and validated once at start: each key
 * declared once in {@link io.mobiflow.jobs.config.ConfigKeys} (type, default, one line of
 * documentation), read through {@link io.mobiflow.jobs.config.ConfigNode}, listed in {@code
 * docs/configuration.md}.
 */
package io.mobiflow.jobs.config;
