package io.cachescope;

/**
 * Bad or unreachable input: names the source (a URL or path) and the place in it (a JSON
 * pointer, a byte offset or a line), so that one line tells the user what to look at.
 * Credentials in the source or the message are never shown ({@link Secrets}).
 */
public class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String where;

  public SourceException(String source, String where, String message) {
    this(source, where, message, null);
  }

  public SourceException(String source, String where, String message, Throwable cause) {
    super(Secrets.redact(message), cause);
    this.source = Secrets.redact(source);
    this.where = Secrets.redact(where);
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
