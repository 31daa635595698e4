#!/usr/bin/env bash
# Makes the web fonts in static/fonts/: Noto Sans Myanmar, Thai, Khmer and Lao, Regular and
# Bold, each cut down to its own script and saved as WOFF2, plus OFL.txt (their licence).
#
#   scripts/subset-fonts.sh        # needs root for apt-get when a tool is missing
#
# Reproducible: the fonts come from one pinned version of Debian's fonts-noto-core (unpacked
# in a temp dir, not installed, so that this machine's browsers do not gain the fonts) and
# are cut by Debian's pyftsubset (fontTools 4.38 in bookworm) with fixed options; running it
# again gives the same bytes. The stylesheet's @font-face rules name these files
# (url(fonts/NAME.woff2)) and src/assets.rs compiles them in under fingerprinted names.
#
# What each file keeps: its script's Unicode block(s), ZWSP/ZWNJ/ZWJ, the dotted circle
# (HarfBuzz draws it under a mark that has no base), spaces, and every OpenType layout
# feature, which these scripts need to shape at all. What goes: glyphs of other scripts and
# the TrueType hinting, which only Windows uses (and Windows ships its own fonts for these
# scripts, named earlier in the font stack): hinting was 40-50% of each file.
set -euo pipefail
cd "$(dirname "$0")/.."

NOTO_VERSION=20201225-1
OUT=static/fonts
PYFTSUBSET=/usr/bin/pyftsubset

# The set of each file; the stylesheet's unicode-range names the same blocks.
declare -A BLOCKS=(
  [Myanmar]=U+1000-109F,U+A9E0-A9FF,U+AA60-AA7F
  [Thai]=U+0E01-0E5B
  [Khmer]=U+1780-17FF,U+19E0-19FF
  [Lao]=U+0E80-0EFF
)
SHARED=U+0020,U+00A0,U+200B-200D,U+25CC

if [ ! -x "$PYFTSUBSET" ] || ! /usr/bin/python3 -c 'import brotli' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    fonttools python3-brotli
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt fetches as its own user where it can write.
chown _apt "$work" 2>/dev/null || true
(cd "$work" && apt-get download -qq "fonts-noto-core=$NOTO_VERSION")
dpkg-deb -x "$work"/fonts-noto-core_*.deb "$work/root"
src="$work/root/usr/share/fonts/truetype/noto"

mkdir -p "$OUT"
rm -f "$OUT"/*.woff2
for script in Myanmar Thai Khmer Lao; do
  for weight in Regular Bold; do
    name="NotoSans$script-$weight"
    # No timestamps change: fontTools keeps head.modified unless asked to recalculate it.
    "$PYFTSUBSET" "$src/$name.ttf" \
      --unicodes="${BLOCKS[$script]},$SHARED" \
      --layout-features='*' \
      --no-hinting \
      --flavor=woff2 \
      --output-file="$OUT/$name.woff2"
  done
done

# The OFL asks that the copyright notice and the licence travel with the fonts.
{
  echo "Noto Sans Myanmar, Noto Sans Thai, Noto Sans Khmer and Noto Sans Lao"
  echo "(the *.woff2 files here: subsets of Debian's fonts-noto-core $NOTO_VERSION,"
  echo "made by scripts/subset-fonts.sh)"
  echo
  for script in Myanmar Thai Khmer Lao; do
    /usr/bin/python3 -c 'import sys
from fontTools.ttLib import TTFont
names = TTFont(sys.argv[1])["name"]
print(names.getDebugName(0), names.getDebugName(7))' "$src/NotoSans$script-Regular.ttf" |
      sed "s/^/Noto Sans $script: /"
  done
  echo
  echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
  echo "This license is copied below, and is also available with a FAQ at:"
  echo "https://openfontlicense.org"
  echo
  echo "-----------------------------------------------------------"
  echo "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"
  echo "-----------------------------------------------------------"
  echo
  # Debian's copyright file holds the licence text as a paragraph of indented lines, " ."
  # standing for an empty one.
  awk '/^License: OFL-1.1$/ { getline; if ($0 ~ /PREAMBLE/) { on = 1 } }
       on && !/^ / { exit }
       on { sub(/^ /, ""); if ($0 == ".") $0 = ""; print }' \
    "$work/root/usr/share/doc/fonts-noto-core/copyright"
} > "$OUT/OFL.txt"
grep -q "PREAMBLE" "$OUT/OFL.txt" || { echo "the licence text was not found" >&2; exit 1; }

ls -l "$OUT" | awk 'NR > 1 { printf "%8d  %s\n", $5, $9 }'
