/**
 * The {@code mobiflow} application: the command line ({@code cli}), the HTTP API ({@code serve})
 * and the demo city with its feed simulator ({@code demo}), over the jobs of {@code
 * io.mobiflow.jobs}.
 */
package io.mobiflow.app;
