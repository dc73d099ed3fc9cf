package io.cachescope.web;

import java.util.List;

/**
 * One page of a list of builds: the page asked for, kept within 1 and the last page (an empty
 * list has one empty page).
 */
record Paging(int number, int pages, int size, int total) {

  static Paging of(int total, int requested, int size) {
    int pages = Math.max(1, (int) ((total + (long) size - 1) / size));
    return new Paging(Math.min(Math.max(1, requested), pages), pages, size, total);
  }

  /** The position of the page's first build, counting from 1. */
  int firstShown() {
    return (int) Math.min(Integer.MAX_VALUE, (long) (number - 1) * size + 1);
  }

  <T> List<T> slice(List<T> all) {
    int from = (int) Math.min(all.size(), (long) (number - 1) * size);
    return all.subList(from, (int) Math.min(all.size(), (long) number * size));
  }
}
