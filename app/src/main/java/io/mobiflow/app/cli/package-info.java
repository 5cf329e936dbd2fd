/**
 * The {@code mobiflow} command line (picocli). Bad arguments and bad files get one line on stderr
 * and exit code 2; the details of unexpected failures go to the log, not to the terminal.
 */
package io.mobiflow.app.cli;
