#!/usr/bin/env bash
# Install the system packages carekit needs, by Debian name, when they are missing.
#   scripts/system-deps.sh            what `carekit render` needs (Pango for WeasyPrint, fonts)
#   scripts/system-deps.sh test       ... plus what the tests use (Chromium, poppler-utils,
#                                     LibreOffice Writer for the Word-to-PDF check)
#   scripts/system-deps.sh bench      ... the same (pandoc comes with pypandoc-binary)
# As root it installs them with apt-get; otherwise it prints the command to run.
# Required packages stop `make` when missing; optional ones only print a note (the tests
# that need them are then skipped with a visible reason).
set -euo pipefail

required=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2)
optional=()
for group in "$@"; do
  case "$group" in
    test) optional+=(chromium poppler-utils libreoffice-writer) ;;
    bench) ;;
    *) echo "system-deps.sh: unknown group '$group'" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian-based system: make sure Pango (>= 1.44), HarfBuzz and a serif font are"
  echo "installed (macOS: brew install pango). Optional: ${optional[*]:-none}."
  exit 0
fi

missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t need < <(missing "${required[@]}")
mapfile -t want < <(missing "${optional[@]}")
[ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" "${want[@]}" >/dev/null
  exit 0
fi

if [ ${#want[@]} -gt 0 ]; then
  echo "Optional system packages are missing (the tests that need them will be skipped):"
  echo "  sudo apt-get install ${want[*]}"
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "carekit needs these system packages: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
