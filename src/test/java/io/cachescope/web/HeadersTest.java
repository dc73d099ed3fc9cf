package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {
  @Test
  void gzipOnlyWhenItsQualityIsAboveZero() {
    assertThat(Headers.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(Headers.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(Headers.acceptsGzip("gzip;q=0, *")).isFalse();
    assertThat(Headers.acceptsGzip("*;q=0.5")).isTrue();
    assertThat(Headers.acceptsGzip("identity")).isFalse();
    assertThat(Headers.acceptsGzip(null)).isFalse();
  }

  @Test
  void ifNoneMatchTakesListsWeakTagsAndAStar() {
    String etag = "\"abc\"";
    assertThat(Headers.matches("\"abc\"", etag)).isTrue();
    assertThat(Headers.matches("W/\"abc\"", etag)).isTrue();
    assertThat(Headers.matches("\"x\", W/\"abc\"", etag)).isTrue();
    assertThat(Headers.matches("*", etag)).isTrue();
    assertThat(Headers.matches("\"abcd\"", etag)).isFalse();
    assertThat(Headers.matches(null, etag)).isFalse();
  }
}
