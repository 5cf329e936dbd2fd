package io.mobiflow.jobs.config;

import java.util.List;

/**
 * The reference of configuration keys, {@code docs/configuration.md}, rendered from {@link
 * ConfigKeys}: one table per top-level section, its keys and sub-sections in declaration order.
 */
public final class ConfigReference {

  /** The page's path from the repository's root. */
  public static final String PAGE = "docs/configuration.md";

  private ConfigReference() {}

  /** The page's Markdown text. */
  public static String render() {
    StringBuilder page = new StringBuilder();
    page.append("# Configuration\n\n")
        .append(
            "The YAML file of `mobiflow run` and `mobiflow ingest` (`--config FILE`). Each key is")
        .append(" declared once, with its\n")
        .append("type, default and meaning, in `ConfigKeys` (`jobs/src/main/java/io/mobiflow/jobs/")
        .append("config/ConfigKeys.java`);\n")
        .append("this page is generated from those declarations: `ConfigReferenceTest` fails when")
        .append(" they disagree, and\n")
        .append("`mvn -pl jobs -am test -Dtest=ConfigReferenceTest")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dmobiflow.docs.write=true`\n")
        .append("rewrites it. An unknown key is an error, and every problem is one line naming the")
        .append(" file and the key.\n")
        .append(
            "Paths are relative to the configuration file's folder. Numbers are checked against")
        .append(" their bounds\n")
        .append("(both included).\n");
    for (ConfigKey<?> top : ConfigKeys.in("")) {
      page.append("\n## `").append(top.path()).append("`\n\n").append(top.doc()).append('\n');
      List<ConfigKey<?>> keys =
          ConfigKeys.ALL.stream().filter(key -> key.path().startsWith(top.path() + ".")).toList();
      if (keys.isEmpty()) {
        continue;
      }
      page.append("\n| key | type | default | meaning |\n|---|---|---|---|\n");
      for (ConfigKey<?> key : keys) {
        page.append("| `")
            .append(key.path())
            .append("` | ")
            .append(key.typeText())
            .append(" | ")
            .append(
                cell(
                    key.defaultValue() == null ? key.defaultText() : "`" + key.defaultText() + "`"))
            .append(" | ")
            .append(cell(key.doc()))
            .append(" |\n");
      }
    }
    return page.toString();
  }

  /** A table cell: {@code |} escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
