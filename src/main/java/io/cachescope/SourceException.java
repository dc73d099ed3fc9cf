package io.cachescope;

/**
 * Bad or unreachable input: names the source (a URL or path) and the place in it (a JSON
 * pointer, a byte offset or a line), so that one line tells the user what to look at.
 */
public class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String where;

  public SourceException(String source, String where, String message) {
    this(source, where, message, null);
  }

  public SourceException(String source, String where, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.where = where;
  }

  public String source() {
    return source;
  }

  /** A JSON pointer, byte offset or similar; may be empty. */
  public String where() {
    return where;
  }

  /** {@code source: where: message}, the line the CLI prints. */
  @Override
  public String getMessage() {
    StringBuilder line = new StringBuilder(source);
    if (where != null && !where.isEmpty()) {
      line.append(" at ").append(where);
    }
    return line.append(": ").append(super.getMessage()).toString();
  }

  /** The message without source and place. */
  public String reason() {
    return super.getMessage();
  }
}
