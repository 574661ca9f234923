#!/usr/bin/env bash
# ctest: `cmake --install` into a temporary prefix, then a program built against
# the installed header and library through pkg-config (shared and static) runs.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$CHORUS_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null
pc="$tmp/prefix/lib/pkgconfig"
[ -d "$pc" ] || pc=$(dirname "$(find "$tmp/prefix" -name chorus.pc | head -n1)")
export PKG_CONFIG_PATH=$pc
cc -std=c17 "$CHORUS_SOURCE_DIR/tests/install/use.c" -o "$tmp/use" $(pkg-config --cflags --libs chorus) \
  -Wl,-rpath,"$(pkg-config --variable=libdir chorus)"
"$tmp/use" | tee "$tmp/out"
grep -q '"title":"Hello"' "$tmp/out"
grep -q 'status 0' "$tmp/out"
# static: the archive, then what it needs
cc -std=c17 "$CHORUS_SOURCE_DIR/tests/install/use.c" -o "$tmp/use_static" $(pkg-config --cflags chorus) \
  "$(pkg-config --variable=libdir chorus)/libchorus.a" $(pkg-config --static --libs chorus | sed 's/-lchorus//')
"$tmp/use_static" | grep -q 'status 0'
echo "install: shared and static builds against the installed library work"
