#!/usr/bin/env bash
# Builds the .deb from a finished build folder and checks what it installs: the console, its
# desktop entry (valid), its AppStream metainfo (valid), its icon and the example configurations,
# and that dpkg-shlibdeps found its Qt dependencies.
#
#   tests/packaging/check-package.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  echo "check-package: cpack failed" >&2
  exit 1
}
deb=$(ls "$work"/*.deb)
echo "check-package: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

contents=$(dpkg-deb -c "$deb")
missing=0
for path in \
  ./usr/bin/failover-console \
  ./usr/share/applications/failover-console.desktop \
  ./usr/share/metainfo/org.failoverconsole.FailoverConsole.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/failover-console.svg \
  ./usr/share/failover-console/examples/demo.yaml \
  ./usr/share/failover-console/examples/multi-region.yaml; do
  if ! grep -q " $path\$" <<<"$contents"; then
    echo "check-package: missing $path" >&2
    missing=1
  fi
done
[ $missing -eq 0 ] || exit 1

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6charts6 libpq5 libyaml-cpp0.7 libcurl4; do
  if ! grep -q "$lib" <<<"$depends"; then
    echo "check-package: Depends lacks $lib: $depends" >&2
    exit 1
  fi
done

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/failover-console.desktop"
appstreamcli validate --no-net --pedantic \
  "$work/root/usr/share/metainfo/org.failoverconsole.FailoverConsole.metainfo.xml"
# The packaged binary runs: it answers --version without a display.
"$work/root/usr/bin/failover-console" --version
echo "check-package: ok"
