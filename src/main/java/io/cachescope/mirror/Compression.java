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
      return in.readNBytes(MAX_SPEC_FILE);
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

  /** Spec files are small; anything larger than this is not one (and not worth inflating). */
  static final int MAX_SPEC_FILE = 64 << 20;
}
