#!/usr/bin/env bash
# Installs, only when missing, the independent document readers the render integration tests
# use -- poppler-utils (pdftotext, pdftoppm) and LibreOffice Writer (soffice, headless) -- and
# npm, which installs buf for `make lint`.
# Debian/Ubuntu only; non-interactive; any failure stops the script with a message.
set -euo pipefail
trap 'echo "install_system_deps: FAILED at line $LINENO" >&2' ERR

need=()
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
  || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(LIBREOFFICE)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -eq 0 ]; then
  echo "install_system_deps: pdftotext, pdftoppm, soffice and npm already present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_system_deps: missing ${need[*]} and apt-get is not available;" \
       "install poppler-utils and libreoffice-writer by hand" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "install_system_deps: not root and no sudo; cannot install ${need[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install_system_deps: apt-get update"
"${SUDO[@]}" apt-get update -qq

# The -nogui flavour is far smaller (no X11/GTK); older releases only have the full one.
candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}'; }
packages=()
for pkg in "${need[@]}"; do
  if [ "$pkg" = LIBREOFFICE ]; then
    nogui=$(candidate libreoffice-writer-nogui)
    if [ -n "$nogui" ] && [ "$nogui" != "(none)" ]; then
      packages+=(libreoffice-writer-nogui)
    else
      packages+=(libreoffice-writer)
    fi
  else
    packages+=("$pkg")
  fi
done

echo "install_system_deps: apt-get install ${packages[*]}"
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"

for tool in pdftotext pdftoppm soffice npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "install_system_deps: $tool still missing after install" >&2
    exit 1
  }
done
echo "install_system_deps: done"
