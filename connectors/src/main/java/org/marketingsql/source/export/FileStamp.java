package org.marketingsql.source.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A file's size and modification time to the precision the file system keeps, taken before and after
 * reading it: when they differ, the file was written to while it was read.
 *
 * @param size bytes, or -1 when the file could not be read
 * @param modifiedNanos modification time in nanoseconds since the epoch, or -1
 */
public record FileStamp(long size, long modifiedNanos) {
  public static FileStamp of(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      return new FileStamp(-1, -1);
    }
  }
}
