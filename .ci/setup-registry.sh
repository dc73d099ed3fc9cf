# Sourced by .ci/run: Debian's docker-registry (the CNCF distribution registry) for the OCI tests.
if [[ ! -x /usr/bin/docker-registry ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
fi
echo "$(/usr/bin/docker-registry --version 2>/dev/null | head -n 1) for the OCI tests"
