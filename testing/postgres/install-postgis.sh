#!/usr/bin/env bash
# Test infrastructure: installs PostgreSQL 15 and PostGIS 3 from Debian's packages when they are
# missing, so the integration tests can start a real server (jobs' PostgisServer). Needs root (CI
# and the project's machines run as root); elsewhere, install the two packages by hand.
set -euo pipefail
if [ -f /usr/share/postgresql/15/extension/postgis.control ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL 15 with PostGIS is missing: apt-get install postgresql-15 postgresql-15-postgis-3" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q postgresql-15 postgresql-15-postgis-3 >/dev/null
