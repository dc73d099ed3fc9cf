package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip detection by magic bytes, as Spack does: v3 spec blobs are gzip whatever their manifest
 * says, and some servers add or drop compression.
 */
final class Compression {
  private Compression() {}

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  static byte[] gunzipIfNeeded(byte[] bytes, String source) {
    if (!isGzip(bytes)) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] out = in.readNBytes(MAX_SPEC_FILE + 1);
      if (out.length > MAX_SPEC_FILE) {
        throw new SourceException(source, "", "larger than " + (MAX_SPEC_FILE >> 20) + " MiB once inflated; not a spec file");
      }
      return out;
    } catch (IOException e) {
      throw new SourceException(source, "", "corrupt gzip data: " + e.getMessage(), e);
    }
  }

  /** Wraps a stream so that gzip'ed content is inflated on the fly. */
  static InputStream gunzipIfNeeded(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(buffered, 1 << 16);
    }
    return buffered;
  }

  /** The stream, failing once more than {@code max} bytes come out of it (an inflated gzip bomb). */
  static InputStream capped(InputStream in, long max, String source) {
    return new java.io.FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          check(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          check(n);
        }
        return n;
      }

      private void check(int n) {
        count += n;
        if (count > max) {
          throw new SourceException(source, "", "index larger than " + (max >> 20)
              + " MiB once inflated; not read (--max-index-size raises the limit)");
        }
      }
    };
  }

  /** Spec files are small; anything larger than this is not one (and not worth inflating). */
  static final int MAX_SPEC_FILE = 64 << 20;
}
