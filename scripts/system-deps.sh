#!/usr/bin/env bash
# Installs the Debian packages Participatiemix needs, only those that are missing.
# Chromium drives the end-to-end tests; pango/harfbuzz serve WeasyPrint (PDF);
# poppler-utils gives pdftotext for checking PDFs; gettext compiles translations.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Ontbrekende systeempakketten: ${need[*]}. Installeer ze met: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Systeempakketten installeren: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
