package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundSha256Test {

  private static String expected(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SplittableRandom(n).nextBytes(b);
    return b;
  }

  @Test
  void hashesEverythingReadInWholeStreams() throws Exception {
    for (int n : new int[] {0, 1, 65_535, 65_536, 65_537, 3_000_001}) {
      byte[] bytes = random(n);
      BackgroundSha256 in = new BackgroundSha256(new ByteArrayInputStream(bytes));
      in.transferTo(OutputStream.nullOutputStream());
      assertThat(in.sha256()).as("%d bytes", n).isEqualTo(expected(bytes));
    }
  }

  @Test
  void singleBytesOddReadsAndSkipsAreHashedToo() throws Exception {
    byte[] bytes = random(200_000);
    BackgroundSha256 in = new BackgroundSha256(new ByteArrayInputStream(bytes));
    SplittableRandom r = new SplittableRandom(3);
    byte[] buf = new byte[100_000];
    int total = 0;
    while (total < bytes.length) {
      int got;
      switch (r.nextInt(3)) {
        case 0 -> got = in.read() < 0 ? -1 : 1;
        case 1 -> got = (int) in.skip(r.nextInt(1, 5000));
        default -> got = in.read(buf, r.nextInt(10), r.nextInt(1, 90_000));
      }
      if (got < 0) {
        break;
      }
      total += got;
    }
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.sha256()).isEqualTo(expected(bytes));
  }

  @Test
  void anAbandonedReadEndsItsThread() throws Exception {
    BackgroundSha256 in = new BackgroundSha256(new ByteArrayInputStream(random(100_000)));
    in.read(new byte[1000]);
    in.abandon();
    for (int i = 0; i < 100 && in.hashing(); i++) {
      Thread.sleep(20);
    }
    assertThat(in.hashing()).isFalse();
  }

  @Test
  void aFailingStreamStillEndsItsThread() throws Exception {
    BackgroundSha256 in = new BackgroundSha256(new java.io.InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("gone");
      }
    });
    try {
      in.read();
    } catch (IOException expected) {
      in.abandon();
    }
    for (int i = 0; i < 100 && in.hashing(); i++) {
      Thread.sleep(20);
    }
    assertThat(in.hashing()).isFalse();
  }
}
