#!/usr/bin/env bash
# Renders a report draft (.docx) to PDF with LibreOffice headless and its first page to PNG, to look
# at the layout as the commune office will print it.
#   docs/render-report.sh REPORT.docx [OUT_DIR]      (OUT_DIR defaults to target/render)
# Needs Debian's libreoffice-writer and poppler-utils (installed here when missing) and the
# Times New Roman metrics (fonts-liberation: Liberation Serif stands in for it).
set -euo pipefail
docx=${1:?usage: docs/render-report.sh REPORT.docx [OUT_DIR]}
out=${2:-target/render}
mkdir -p "$out"
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list | grep -qi 'Liberation Serif' || missing+=(fonts-liberation)
if [[ ${#missing[@]} -gt 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# A profile of its own, so a running LibreOffice or another render does not block this one.
profile=$(mktemp -d /tmp/loaxa-render.XXXXXX)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
pdf="$out/$(basename "${docx%.*}").pdf"
rm -f "${pdf%.pdf}"-page*.png
pdftoppm -png -r 100 "$pdf" "${pdf%.pdf}-page"
ls "$out"/"$(basename "${docx%.*}")"*
