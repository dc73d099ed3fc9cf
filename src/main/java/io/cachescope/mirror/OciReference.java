package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An OCI build cache as Spack names it: {@code oci://HOST/REPO} (HTTPS) or {@code
 * oci+http://HOST/REPO}. As in Spack, a name without a registry host is on Docker Hub ({@code
 * oci://user/img} is {@code index.docker.io/user/img}, a single name is under {@code library/}),
 * and the repository is lower-cased (docs/spack-formats.md, "OCI registries").
 *
 * @param scheme {@code https} or {@code http}
 * @param host the registry, with its port if any
 * @param repository the repository path in the registry
 */
public record OciReference(String scheme, String host, String repository) {

  /** The tag of the build cache's index image. */
  public static final String INDEX_TAG = "index.spack";

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  public static boolean isOci(String url) {
    String t = url.strip().toLowerCase(Locale.ROOT);
    return t.startsWith("oci://") || t.startsWith("oci+http://");
  }

  public static OciReference parse(String url) {
    String t = url.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    String scheme = lower.startsWith("oci+http://") ? "http" : "https";
    String rest = t.substring(lower.startsWith("oci+http://") ? "oci+http://".length() : "oci://".length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    String host;
    String name;
    if (slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      host = first;
      name = rest.substring(slash + 1);
    } else {
      host = "index.docker.io";
      name = slash < 0 ? "library/" + rest : rest;
    }
    name = name.toLowerCase(Locale.ROOT);
    if (name.contains("@") || name.contains(":")) {
      throw new SourceException(url, "", "an OCI build cache is a repository, not an image: drop the tag or digest");
    }
    if (host.isEmpty() || !REPOSITORY.matcher(name).matches()) {
      throw new SourceException(url, "", "not an OCI repository (use oci://HOST/REPOSITORY)");
    }
    try {
      URI check = new URI(scheme + "://" + host + "/");
      if (check.getHost() == null || check.getPort() > 65535) {
        throw new SourceException(url, "", "not a registry host: " + host);
      }
    } catch (java.net.URISyntaxException e) {
      throw new SourceException(url, "", "not a registry host: " + host);
    }
    return new OciReference(scheme, host, name);
  }

  /** Spack's image tag for a spec: {@code <name>-<version>-<hash>.spack}, made valid. */
  public static String specTag(String name, String version, String hash) {
    return validTag(name + "-" + version + "-" + hash + ".spack");
  }

  /**
   * Spack's {@code ensure_valid_tag}: anything outside {@code [A-Za-z0-9_.-]} becomes {@code _},
   * and a tag longer than 128 characters keeps its first 64 and last 64.
   */
  public static String validTag(String tag) {
    String s = tag.replaceAll("[^A-Za-z0-9_.-]", "_");
    return s.length() > 128 ? s.substring(0, 64) + s.substring(s.length() - 64) : s;
  }

  /** Whether a tag names a spec image (Spack's {@code tag_is_spec}). */
  public static boolean isSpecTag(String tag) {
    return tag.endsWith(".spack") && !tag.equals(INDEX_TAG);
  }

  public URI manifestUri(String tagOrDigest) {
    return URI.create(base() + "/manifests/" + tagOrDigest);
  }

  public URI blobUri(String digest) {
    return URI.create(base() + "/blobs/" + digest);
  }

  public URI tagsUri() {
    return URI.create(base() + "/tags/list");
  }

  /** A URI on the registry, for the {@code Link} of a paged tag list. */
  public URI onRegistry(String pathAndQuery) {
    return URI.create(scheme + "://" + host + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
  }

  private String base() {
    return scheme + "://" + host + "/v2/" + repository;
  }

  /** {@code oci://host/repository}, as Spack's mirror URL. */
  @Override
  public String toString() {
    return (scheme.equals("http") ? "oci+http://" : "oci://") + host + "/" + repository;
  }
}
