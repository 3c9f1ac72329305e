#!/usr/bin/env bash
# Checks the alert rules and runs their unit tests; exits non-zero if either fails.
# Needs promtool (Debian/Ubuntu: apt-get install prometheus; or the Prometheus release tarball).
set -euo pipefail
cd "$(dirname "$0")"
promtool check rules alerts.yml
promtool test rules alerts.test.yml
