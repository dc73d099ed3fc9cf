package io.cachescope.mirror;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A stream that computes the SHA-256 of what is read through it on a thread of its own, so that
 * hashing a large index overlaps parsing it instead of adding to it. Bytes go to that thread in a
 * few reused buffers; {@link #sha256()} waits for the last of them.
 */
final class BackgroundSha256 extends FilterInputStream {
  private static final int CHUNK = 1 << 18;
  private static final int BUFFERS = 16;

  private static final Chunk END = new Chunk(new byte[0], 0);

  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final MessageDigest sha = MirrorReader.sha256();
  private final Thread hasher;
  private byte[] current;
  private int filled;
  private boolean finished;

  BackgroundSha256(InputStream in) {
    super(in);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[CHUNK]);
    }
    hasher = new Thread(this::hashAll, "sha256");
    hasher.setDaemon(true);
    hasher.start();
  }

  private void hashAll() {
    try {
      for (Chunk c = full.take(); c != END; c = full.take()) {
        sha.update(c.bytes(), 0, c.length());
        free.put(c.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      pass(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      pass(buf, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too: read them instead.
    byte[] scratch = new byte[(int) Math.min(n, CHUNK)];
    int got = read(scratch, 0, scratch.length);
    return Math.max(got, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void pass(byte[] buf, int off, int n) throws IOException {
    try {
      while (n > 0) {
        if (current == null) {
          current = free.take();
          filled = 0;
        }
        int take = Math.min(n, CHUNK - filled);
        System.arraycopy(buf, off, current, filled, take);
        filled += take;
        off += take;
        n -= take;
        if (filled == CHUNK) {
          flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing");
    }
  }

  private void flush() throws InterruptedException {
    if (current != null && filled > 0) {
      full.put(new Chunk(current, filled));
    } else if (current != null) {
      free.put(current);
    }
    current = null;
  }

  /** The hex SHA-256 of everything read so far; no more may be read after. */
  String sha256() throws IOException {
    try {
      if (!finished) {
        finished = true;
        flush();
        full.put(END);
      }
      hasher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing");
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  boolean hashing() {
    return hasher.isAlive();
  }

  /** Ends the hashing thread when the digest will not be asked for (a read that failed). */
  void abandon() {
    if (!finished) {
      finished = true;
      hasher.interrupt();
    }
  }
}
