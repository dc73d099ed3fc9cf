package io.cachescope.query;

/**
 * A constraint that is not Spack spec syntax; the message shows the input with a caret under the
 * offending token, as Spack prints parse errors.
 */
public final class SpecSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String input;
  private final int position;

  public SpecSyntaxException(String message, String input, int position) {
    super(message + "\n" + input + "\n" + " ".repeat(Math.max(0, position)) + "^");
    this.input = input;
    this.position = position;
  }

  public String input() {
    return input;
  }

  public int position() {
    return position;
  }
}
