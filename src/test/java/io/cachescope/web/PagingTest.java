package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {

  private final List<Integer> builds = IntStream.rangeClosed(1, 120).boxed().toList();

  @Test
  void aPageIsASliceAndTheLastOneIsShort() {
    Paging third = Paging.of(builds.size(), 3, 50);
    assertThat(third.pages()).isEqualTo(3);
    assertThat(third.firstShown()).isEqualTo(101);
    assertThat(third.slice(builds)).containsExactlyElementsOf(IntStream.rangeClosed(101, 120).boxed().toList());
  }

  @Test
  void aPageOutOfRangeIsTheNearestOne() {
    assertThat(Paging.of(builds.size(), 0, 50).number()).isEqualTo(1);
    assertThat(Paging.of(builds.size(), 99, 50).number()).isEqualTo(3);
    assertThat(Paging.of(builds.size(), 99, 50).slice(builds)).hasSize(20);
  }

  @Test
  void anEmptyListHasOneEmptyPage() {
    Paging empty = Paging.of(0, 5, 50);
    assertThat(empty.number()).isEqualTo(1);
    assertThat(empty.pages()).isEqualTo(1);
    assertThat(empty.slice(List.of())).isEmpty();
  }

  @Test
  void everythingOnOnePageDoesNotOverflow() {
    Paging all = Paging.of(builds.size(), 1, Integer.MAX_VALUE);
    assertThat(all.pages()).isEqualTo(1);
    assertThat(all.firstShown()).isEqualTo(1);
    assertThat(all.slice(builds)).hasSize(120);
  }
}
