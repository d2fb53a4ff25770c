#!/usr/bin/env bash
# Refreshes translations/forgelink_de.ts from the sources whose text reaches the admin: the
# wizard (app/) and what it shows from common/ (field problems, check results). New texts come
# out unfinished until translated; texts no longer in the sources are dropped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
"$lupdate" -I common -I app app common -ts translations/forgelink_de.ts -locations none -no-obsolete "$@"
