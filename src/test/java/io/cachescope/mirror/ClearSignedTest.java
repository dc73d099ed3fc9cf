package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClearSignedTest {

  @TempDir Path tmp;

  static Keyring keysOf(Path mirror) {
    return MirrorKeys.load(new FileTransport(mirror), mirror.toUri());
  }

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void mirrorsPublishTheirKeys() {
    assertThat(keysOf(Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/signed")).fingerprints())
        .containsExactly("CBAB2C1032C6FF5078049EC0FA61D50C12CAD37E");
    assertThat(keysOf(Fixtures.path("fixtures/spack-v3/v3_migrated_signed")).fingerprints())
        .containsExactly("8272A1555C46DFB0B68315E112DF5F2E30831FA1", "CBAB2C1032C6FF5078049EC0FA61D50C12CAD37E");
    assertThat(keysOf(Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned")).isEmpty()).isTrue();
  }

  @Test
  void everySignedSpecFileAndManifestVerifies() throws IOException {
    Path v2 = Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/signed");
    List<Path> sigs = files(v2, ".spec.json.sig");
    assertThat(sigs).hasSize(6);
    for (Path sig : sigs) {
      ClearSigned signed = ClearSigned.parse(Files.readAllBytes(sig), sig.toString());
      assertThat(signed.verify(keysOf(v2))).as(sig.toString()).isEqualTo(SignatureState.VERIFIED);
    }
    Path v3 = Fixtures.path("fixtures/spack-v3/v3_migrated_signed");
    List<Path> manifests = files(v3.resolve("v3/manifests/spec"), ".spec.manifest.json");
    assertThat(manifests).hasSize(6);
    for (Path m : manifests) {
      byte[] bytes = Files.readAllBytes(m);
      assertThat(ClearSigned.isClearSigned(bytes)).isTrue();
      assertThat(ClearSigned.parse(bytes, m.toString()).verify(keysOf(v3))).isEqualTo(SignatureState.VERIFIED);
    }
  }

  @Test
  void thePayloadIsTheUnsignedSpecFile() throws IOException {
    Path signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed/build_cache");
    Path unsigned = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned/build_cache");
    ObjectMapper json = new ObjectMapper();
    for (Path sig : files(signed, ".spec.json.sig")) {
      String name = sig.getFileName().toString().replace(".sig", "");
      byte[] payload = ClearSigned.parse(Files.readAllBytes(sig), sig.toString()).payload();
      // The tarballs differ between the two fixture mirrors, so only the specs are compared.
      assertThat(json.readTree(payload).get("spec")).isEqualTo(json.readTree(unsigned.resolve(name).toFile()).get("spec"));
    }
  }

  @Test
  void oneChangedByteIsABadSignature() throws IOException {
    Path v2 = Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/signed");
    Path sig = files(v2, ".spec.json.sig").get(0);
    String text = Files.readString(sig);
    String tampered = text.replaceFirst("\"version\":\"", "\"version\":\"9");
    assertThat(tampered).isNotEqualTo(text);
    ClearSigned parsed = ClearSigned.parse(tampered.getBytes(StandardCharsets.UTF_8), "tampered");
    assertThat(parsed.verify(keysOf(v2))).isEqualTo(SignatureState.BAD);
  }

  @Test
  void aKeyTheMirrorDoesNotPublishLeavesItUnverified() throws IOException {
    Path sig = files(Fixtures.path("fixtures/spack-testdata/mirrors/signed_json"), ".sig").get(0);
    ClearSigned parsed = ClearSigned.parse(Files.readAllBytes(sig), sig.toString());
    assertThat(parsed.verify(keysOf(Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/signed"))))
        .isEqualTo(SignatureState.UNVERIFIED);
    assertThat(parsed.verify(Keyring.empty())).isEqualTo(SignatureState.UNVERIFIED);
  }

  @Test
  void garbledArmourIsAnErrorNamingTheFile() throws IOException {
    Path sig = files(Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/signed"), ".sig").get(0);
    String text = Files.readString(sig);
    String garbled = text.substring(0, text.indexOf("-----BEGIN PGP SIGNATURE-----") + 40) + "!!!not base64!!!\n-----END PGP SIGNATURE-----\n";
    assertThatThrownBy(() -> ClearSigned.parse(garbled.getBytes(StandardCharsets.UTF_8), "x.spec.json.sig"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("x.spec.json.sig");
    assertThatThrownBy(() -> ClearSigned.parse(text.substring(0, text.indexOf("-----BEGIN PGP SIGNATURE-----")).getBytes(StandardCharsets.UTF_8), "cut.sig"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("without a signature block");
  }

  @Test
  void aTamperedKeyBlobFailsWithBothChecksums() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_signed", tmp.resolve("m"));
    String sha = "df5b93f5f1cb02c3e382a11b38ae189059bae8b364d444129e12069298f84db9";
    Path blob = mirror.resolve("blobs/sha256/df/" + sha);
    Files.writeString(blob, Files.readString(blob).replaceFirst("mQINB", "mQINA"));
    assertThatThrownBy(() -> keysOf(mirror))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(blob.toUri().toString())
        .hasMessageContaining(sha)
        .hasMessageContaining("checksum mismatch");
  }
}
