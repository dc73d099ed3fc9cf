package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A public S3 bucket read anonymously over HTTPS: files as {@link HttpTransport} fetches them,
 * and listings with ListObjectsV2, which a mirror without an index needs.
 */
public final class S3Transport implements Transport {

  private final HttpTransport http;
  private final String bucketUrl;

  public S3Transport(TransportOptions options, String bucket) {
    this.http = new HttpTransport(options);
    this.bucketUrl = MirrorUrl.bucketUrl(bucket, options.s3Endpoint());
  }

  @Override
  public Optional<Body> get(URI uri) throws IOException {
    return http.get(uri);
  }

  @Override
  public List<URI> list(URI directory) throws IOException {
    String dir = directory.toString();
    if (!dir.startsWith(bucketUrl)) {
      return List.of();
    }
    String prefix = dir.substring(bucketUrl.length()).replaceFirst("^/", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    List<URI> keys = new ArrayList<>();
    String token = null;
    java.util.Set<String> tokens = new java.util.HashSet<>();
    int pages = 0;
    do {
      // A listing that repeats a token, or never ends, is a broken or hostile server.
      if (++pages > MAX_PAGES) {
        throw new SourceException(bucketUrl + "/" + prefix, "", "listing has more than " + MAX_PAGES + " pages; stopped");
      }
      String query = "?list-type=2&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
          + (token == null ? "" : "&continuation-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      URI page = URI.create(bucketUrl + "/" + query);
      Optional<Body> body = http.get(page);
      if (body.isEmpty()) {
        return List.of();
      }
      try (Body b = body.get()) {
        token = parsePage(b.stream(), page.toString(), keys);
      }
      if (token != null && !tokens.add(token)) {
        throw new SourceException(page.toString(), "", "listing repeats continuation token '" + token + "'; stopped");
      }
    } while (token != null);
    return keys;
  }

  /** 10,000 pages of 1,000 keys: far more spec files than any build cache has. */
  static final int MAX_PAGES = 10_000;

  /** Adds the page's keys as URIs; returns the continuation token, or null on the last page. */
  private String parsePage(InputStream in, String source, List<URI> keys) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    String next = null;
    boolean truncated = false;
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "Key" -> keys.add(URI.create(bucketUrl + "/" + encodePath(xml.getElementText())));
            case "NextContinuationToken" -> next = xml.getElementText();
            case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.getElementText().strip());
            default -> { }
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new SourceException(source, "line " + (e.getLocation() == null ? -1 : e.getLocation().getLineNumber()), "malformed S3 listing: " + e.getMessage());
    }
    return truncated ? next : null;
  }

  private static String encodePath(String key) {
    StringBuilder b = new StringBuilder();
    for (String part : key.split("/", -1)) {
      if (b.length() > 0 || key.startsWith("/")) {
        b.append('/');
      }
      b.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return b.toString();
  }
}
