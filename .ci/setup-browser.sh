# Sourced by .ci/run: Debian's Chromium and its driver for the browser tests, when missing.
if [[ ! -x /usr/bin/chromedriver || ! -x /usr/bin/chromium ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "$(/usr/bin/chromium --version 2>/dev/null | tail -n 1) for the browser tests"
