package io.cachescope.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The jte templates of src/main/jte, precompiled at build time; HTML-escaped by context. */
final class Templates {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Templates() {}

  static String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, params, out);
    return out.toString();
  }
}
