#!/usr/bin/env bash
# Test infrastructure: installs the Debian packages the integration tests need when they are
# missing (a real PostgreSQL/PostGIS server, GDAL's ogrinfo to check the GeoPackages), so that
# `mvn -B verify` needs nothing installed by hand. Needs root (CI and the project's machines run as
# root); elsewhere it names what to install.
#   usage: testing/install-debian-packages.sh PACKAGE...
set -euo pipefail
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages for the tests: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# one test class at a time may install: wait for another's apt to finish
exec 9>/tmp/mobiflow-apt.lock
flock 9
apt-get update -q >/dev/null
apt-get install -y -q "${missing[@]}" >/dev/null
