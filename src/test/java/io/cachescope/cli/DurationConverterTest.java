package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @ParameterizedTest
  @CsvSource({"90s, 90", "15m, 900", "1h30m, 5400", "1d, 86400", "2d, 172800", "1H, 3600", "1d2h3m4s, 93784"})
  void unitsAddUp(String text, long seconds) {
    assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1h30", "90", "", "1.5h", "-1h", "0s", "1w", "99999999999999999999d"})
  void anythingElseIsRefusedWithTheValueInTheMessage(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
