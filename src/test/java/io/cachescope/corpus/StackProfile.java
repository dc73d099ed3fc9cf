package io.cachescope.corpus;

import java.util.List;

/**
 * How a real Spack CI stack builds: one platform, OS, target and compiler for all its specs
 * (taken from the stacks of real cache.spack.io pages, develop-2025-03-30).
 */
record StackProfile(
    String label, String platform, String os, String target, String compiler, String compilerVersion) {

  static final List<StackProfile> DEVELOP_2025 =
      List.of(
          new StackProfile("aws-pcluster-neoverse_v1", "linux", "amzn2", "neoverse_v1", "gcc", "7.3.1"),
          new StackProfile("aws-pcluster-x86_64_v4", "linux", "amzn2", "x86_64_v4", "gcc", "7.3.1"),
          new StackProfile("bootstrap-aarch64-darwin", "darwin", "sequoia", "aarch64", "apple-clang", "16.0.0"),
          new StackProfile("bootstrap-x86_64-linux-gnu", "linux", "centos7", "x86_64_v3", "gcc", "10.2.1"),
          new StackProfile("build_systems", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"),
          new StackProfile("data-vis-sdk", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"),
          new StackProfile("developer-tools-aarch64-linux-gnu", "linux", "ubuntu20.04", "aarch64", "gcc", "9.4.0"),
          new StackProfile("developer-tools-darwin", "darwin", "sequoia", "aarch64", "apple-clang", "16.0.0"),
          new StackProfile("developer-tools-x86_64_v3-linux-gnu", "linux", "ubuntu20.04", "x86_64_v3", "gcc", "9.4.0"),
          new StackProfile("e4s", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"),
          new StackProfile("e4s-cray-rhel", "linux", "rhel8", "zen4", "cce", "18.0.0"),
          new StackProfile("e4s-neoverse-v2", "linux", "ubuntu22.04", "neoverse_v2", "gcc", "11.4.0"),
          new StackProfile("e4s-oneapi", "linux", "ubuntu22.04", "x86_64_v3", "intel-oneapi-compilers", "2024.2.1"),
          new StackProfile("e4s-rocm-external", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"),
          new StackProfile("hep", "linux", "ubuntu24.04", "x86_64_v3", "gcc", "13.3.0"),
          new StackProfile("ml-darwin-aarch64-mps", "darwin", "sequoia", "aarch64", "apple-clang", "16.0.0"),
          new StackProfile("ml-linux-aarch64-cpu", "linux", "ubuntu24.04", "aarch64", "gcc", "13.3.0"),
          new StackProfile("ml-linux-aarch64-cuda", "linux", "ubuntu24.04", "aarch64", "gcc", "13.3.0"),
          new StackProfile("ml-linux-x86_64-cpu", "linux", "ubuntu24.04", "x86_64_v3", "gcc", "13.3.0"),
          new StackProfile("ml-linux-x86_64-cuda", "linux", "ubuntu24.04", "x86_64_v3", "gcc", "13.3.0"),
          new StackProfile("ml-linux-x86_64-rocm", "linux", "ubuntu24.04", "x86_64_v3", "gcc", "13.3.0"),
          new StackProfile("radiuss", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"),
          new StackProfile("radiuss-aws", "linux", "amzn2", "x86_64_v4", "gcc", "7.3.1"),
          new StackProfile("radiuss-aws-aarch64", "linux", "amzn2", "neoverse_v1", "gcc", "7.3.1"),
          new StackProfile("tutorial", "linux", "ubuntu22.04", "x86_64_v3", "gcc", "11.4.0"));

  boolean hasRuntime() {
    return compiler.equals("gcc");
  }
}
