package io.cachescope.mirror;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token endpoint of a registry with {@code auth: token}, as ghcr.io has: it signs RS256
 * JWTs with the test certificate (sent in {@code x5c}) granting what the request's scope asks.
 * Anonymous requests get pull access when {@code anonymousPull}; a login must match the one
 * user, else 401.
 */
public final class TokenService implements AutoCloseable {

  public static final String SERVICE = "cachescope-test-registry";
  public static final String ISSUER = "cachescope-test-issuer";
  public static final String USER = "spack";
  public static final String PASSWORD = "s3cret-token";
  private static final Path DIR = Path.of("src/test/resources/oci");

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate cert;
  private final boolean anonymousPull;
  /** The Authorization header of every token request (null when anonymous). */
  public final List<String> logins = new CopyOnWriteArrayList<>();

  public TokenService(boolean anonymousPull) throws Exception {
    this.anonymousPull = anonymousPull;
    String pem = Files.readString(DIR.resolve("token-key.pem"))
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    try (var in = Files.newInputStream(DIR.resolve("token-cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  public Path certificate() {
    return DIR.resolve("token-cert.pem").toAbsolutePath();
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A token for the pusher: pull and push on {@code repository}. */
  public String pushToken(String repository) throws Exception {
    return jwt(List.of(Map.of("type", "repository", "name", repository, "actions", List.of("pull", "push"))));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      logins.add(String.valueOf(auth));
      boolean loggedIn = basic(USER, PASSWORD).equals(auth);
      if ((auth != null && !loggedIn) || (auth == null && !anonymousPull)) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      List<Object> access = new java.util.ArrayList<>();
      if (!SERVICE.equals(q.get("service"))) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      String scope = q.getOrDefault("scope", "");
      String[] parts = scope.split(":");
      if (parts.length == 3 && parts[0].equals("repository")) {
        List<String> actions = loggedIn ? List.of(parts[2].split(",")) : List.of("pull");
        access.add(Map.of("type", "repository", "name", parts[1], "actions", actions));
      }
      byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("token", jwt(access)));
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private String jwt(List<Object> access) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("x5c", List.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
    long now = System.currentTimeMillis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", USER);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 600);
    claims.put("nbf", now - 60);
    claims.put("iat", now - 60);
    claims.put("jti", Long.toHexString(System.nanoTime()));
    claims.put("access", access);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(json.writeValueAsBytes(header)) + "." + b64.encodeToString(json.writeValueAsBytes(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(rsa.sign());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
