package io.cachescope.mirror;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * One String per DAG hash of an index. Every edge names a hash, millions of times in a develop
 * index; looking each one up straight from the parser's character buffer, in an open-addressing
 * table, avoids a throwaway String per edge and most cache misses of a HashMap.
 */
final class HashStrings {
  /** DAG hashes are 32 ASCII characters; ASCII keys up to that length are also kept inline. */
  private static final int WIDTH = 32;

  private String[] keys = new String[1 << 16];
  private int[] codes = new int[1 << 16];
  // The characters of each short ASCII key, side by side: comparing against them touches one
  // cache line instead of a String and its array. Its length, or -1 for a key kept only as a String.
  private byte[] inline = new byte[(1 << 16) * WIDTH];
  private byte[] lengths = new byte[1 << 16];
  private int size;
  private final java.util.function.UnaryOperator<String> onFirstSight;

  HashStrings() {
    this(java.util.function.UnaryOperator.identity());
  }

  /** {@code onFirstSight} maps a string seen for the first time (to share it more widely). */
  HashStrings(java.util.function.UnaryOperator<String> onFirstSight) {
    this.onFirstSight = onFirstSight;
  }

  /** The canonical string of the parser's current text. */
  String canonical(JsonParser p) throws IOException {
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + buf[off + i];
    }
    int mask = keys.length - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      String k = keys[slot];
      if (k == null) {
        return insert(slot, h, onFirstSight.apply(new String(buf, off, len)));
      }
      if (codes[slot] == h && same(slot, k, buf, off, len)) {
        return k;
      }
    }
  }

  /** The canonical instance of {@code value}. */
  String canonical(String value) {
    int h = value.hashCode();
    int mask = keys.length - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      String k = keys[slot];
      if (k == null) {
        return insert(slot, h, onFirstSight.apply(value));
      }
      if (codes[slot] == h && k.equals(value)) {
        return k;
      }
    }
  }

  int size() {
    return size;
  }

  /** The hashes seen, as a read-only set view (iteration only). */
  Set<String> asSet() {
    String[] snapshot = keys;
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return Arrays.stream(snapshot).filter(k -> k != null).iterator();
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private String insert(int slot, int h, String value) {
    keys[slot] = value;
    codes[slot] = h;
    store(slot, value);
    if (++size * 2 > keys.length) {
      grow();
    }
    return value;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldCodes = codes;
    keys = new String[oldKeys.length * 2];
    codes = new int[oldKeys.length * 2];
    inline = new byte[keys.length * WIDTH];
    lengths = new byte[keys.length];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = spread(oldCodes[i]) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        codes[slot] = oldCodes[i];
        store(slot, oldKeys[i]);
      }
    }
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }

  private void store(int slot, String key) {
    lengths[slot] = -1;
    if (key.length() > WIDTH) {
      return;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c > 0x7f) {
        return;
      }
      inline[slot * WIDTH + i] = (byte) c;
    }
    lengths[slot] = (byte) key.length();
  }

  private boolean same(int slot, String k, char[] buf, int off, int len) {
    int stored = lengths[slot];
    if (stored < 0) {
      return slowSame(k, buf, off, len);
    }
    if (stored != len) {
      return false;
    }
    // An inline key is ASCII: a non-ASCII character in buf never equals its byte.
    int base = slot * WIDTH;
    for (int i = 0; i < len; i++) {
      if (inline[base + i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean slowSame(String k, char[] buf, int off, int len) {
    if (k.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (k.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }
}
