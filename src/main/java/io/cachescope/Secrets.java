package io.cachescope;

import java.util.regex.Pattern;

/**
 * Credentials out of anything shown, logged or stored: the user info of URLs
 * ({@code https://alice:S3CRET@host/}) and the values of query parameters that carry secrets
 * ({@code ?password=…}, signed-URL signatures and tokens).
 */
public final class Secrets {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s?#]+@");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;](?:password|passwd|pwd|secret|token|access_token|sslpassword|x-amz-signature|x-amz-credential|x-amz-security-token|sig|signature)=)[^&;#\\s]*");

  private Secrets() {}

  /** The text with every URL's user info removed and secret parameters shown as {@code ***}. */
  public static String redact(String text) {
    if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
      return text;
    }
    return SECRET_PARAM.matcher(USER_INFO.matcher(text).replaceAll("")).replaceAll("$1***");
  }
}
