package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The keys a user trusts ({@code --trusted-keys FILE|DIR}): armored public keys, or files of
 * fingerprints (40 hex digits a line, spaces allowed). With them, a signature verifies only by
 * one of these keys, not by whatever key a mirror publishes next to its specs.
 */
public record TrustedKeys(Keyring keys, Set<String> fingerprints) {

  public TrustedKeys {
    fingerprints = Set.copyOf(fingerprints);
  }

  public static TrustedKeys load(Path fileOrDir) {
    List<Path> files = new ArrayList<>();
    try {
      if (Files.isDirectory(fileOrDir)) {
        try (Stream<Path> s = Files.list(fileOrDir)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(fileOrDir)) {
        files.add(fileOrDir);
      } else {
        throw new SourceException(fileOrDir.toString(), "", "no such file or folder of trusted keys");
      }
      Keyring keys = Keyring.empty();
      Set<String> fingerprints = new TreeSet<>();
      for (Path f : files) {
        byte[] bytes = Files.readAllBytes(f);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
          keys = keys.plus(Keyring.of(List.of(bytes), f.toString()));
          continue;
        }
        int line = 0;
        for (String l : text.split("\n")) {
          line++;
          String hex = l.replaceAll("#.*", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
          if (hex.isEmpty()) {
            continue;
          }
          if (!hex.matches("[0-9A-F]{40}")) {
            throw new SourceException(f.toString(), "line " + line, "not an armored key or a 40-digit fingerprint");
          }
          fingerprints.add(hex);
        }
      }
      fingerprints.addAll(keys.fingerprints());
      if (fingerprints.isEmpty()) {
        throw new SourceException(fileOrDir.toString(), "", "holds no key and no fingerprint");
      }
      return new TrustedKeys(keys, fingerprints);
    } catch (IOException e) {
      throw new SourceException(fileOrDir.toString(), "", "cannot read trusted keys: " + e.getMessage(), e);
    }
  }

  /** The keys to verify with: the trusted ones, and the mirror's whose fingerprints are trusted. */
  Keyring verifying(Keyring published) {
    return keys.plus(published.only(fingerprints));
  }
}
