package vn.dvcwatch.config;

/**
 * A rejected configuration or registry file. The message is one line naming the file, the line and the
 * field, e.g. {@code conf/portals.yaml:12: portals[3].homepage: not an http(s) URL: "ftp://x"}.
 */
public class ConfigException extends RuntimeException {
  private final String file;
  private final int line;
  private final String field;

  public ConfigException(String file, int line, String field, String problem) {
    super(file + ":" + line + ": " + field + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
