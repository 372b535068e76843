package vn.dvcwatch.sim;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * About 1 MB of gzip that inflates to 1 GiB of zeros. Deflating 1 GiB takes seconds, so it is assembled
 * instead: after a sync flush, every further mebibyte of zeros compresses to the same bytes, which are
 * repeated; the trailer's CRC-32 is computed over the zeros directly (fast). Built once, in about 60 ms.
 */
final class GzipBomb {
  static final long INFLATED_SIZE = 1L << 30;
  private static final int BLOCK = 1 << 20;
  private static volatile byte[] bytes;

  private GzipBomb() {}

  static byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      synchronized (GzipBomb.class) {
        if (bytes == null) {
          bytes = build();
        }
        b = bytes;
      }
    }
    return b;
  }

  private static byte[] build() {
    byte[] zeros = new byte[BLOCK];
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] first = flushed(deflater, zeros);
    byte[] steady = flushed(deflater, zeros);
    byte[] end = finished(deflater);
    deflater.end();
    CRC32 crc = new CRC32();
    for (long i = 0; i < INFLATED_SIZE / BLOCK; i++) {
      crc.update(zeros);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((1 << 20) + (1 << 16));
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.writeBytes(first);
    for (long i = 1; i < INFLATED_SIZE / BLOCK; i++) {
      out.writeBytes(steady);
    }
    out.writeBytes(end);
    littleEndian(out, crc.getValue());
    littleEndian(out, INFLATED_SIZE); // ISIZE is the size modulo 2^32
    return out.toByteArray();
  }

  private static byte[] flushed(Deflater deflater, byte[] input) {
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    do { // a short write means all is flushed; flushing again would add an empty block
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    return out.toByteArray();
  }

  private static byte[] finished(Deflater deflater) {
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    return out.toByteArray();
  }

  private static void littleEndian(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
