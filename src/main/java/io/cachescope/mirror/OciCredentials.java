package io.cachescope.mirror;

/**
 * A registry login ({@code --oci-username}, the password from {@code --oci-password-env}). Its
 * string form never holds the password, so no log or message can show it.
 */
public record OciCredentials(String username, String password) {

  /** The {@code Authorization} value for HTTP Basic. */
  String basic() {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "OciCredentials[username=" + username + ", password=***]";
  }
}
