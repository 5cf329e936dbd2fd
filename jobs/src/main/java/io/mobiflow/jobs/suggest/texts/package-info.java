/**
 * The words of a suggestion: what a rule found becomes a published suggestion with its header and
 * description in French and English ({@link io.mobiflow.jobs.suggest.texts.SuggestionTexts}), and a
 * suggestion becomes a GTFS-Realtime alert ({@link
 * io.mobiflow.jobs.suggest.texts.SuggestionAlerts}).
 */
package io.mobiflow.jobs.suggest.texts;
