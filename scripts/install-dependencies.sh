#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the workbook needs and that this machine lacks.
# The one place that knows them: the Makefile's targets and .ci/run call it.
#   scripts/install-dependencies.sh            build, test and verify: cmark, OpenBLAS, zlib, Fashion-MNIST
#   scripts/install-dependencies.sh --browser  also Chromium (and Java if missing), for the site's browser checks
set -euo pipefail

packages=(libcmark-dev libopenblas-dev zlib1g-dev dataset-fashion-mnist)
for argument in "$@"; do
    case "$argument" in
        --browser)
            packages+=(chromium)
            # The Nu HTML Checker runs on Java; any Java on the PATH will do.
            command -v java >/dev/null 2>&1 || packages+=(default-jre-headless) ;;
        *) echo "install-dependencies.sh: error: unknown option '$argument' (expected --browser)" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

refuse() {
    echo "error: this machine lacks ${missing[*]}, and $1." >&2
    echo "Install them and run the command again:  sudo apt-get install ${missing[*]}" >&2
    exit 1
}

command -v apt-get >/dev/null 2>&1 || refuse "there is no apt-get to install them with"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
    as_root=(sudo)
else
    refuse "installing needs root (run as root, or with a sudo that works)"
fi

echo "== installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq || refuse "apt-get update failed"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || refuse "apt-get install failed"
