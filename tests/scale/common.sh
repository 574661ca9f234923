# tests/scale/common.sh: what the scale tests share, sourced after `set -euo
# pipefail`: the paths, the chorus binary, redis-server and redis-cli checked,
# a temp folder in $tmp and the list of processes to kill in $pids.
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
src="${CHORUS_SOURCE_DIR:-$here/../..}"
bin="${CHORUS_BIN:?CHORUS_BIN is the chorus binary}"
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "FAIL: redis-server and redis-cli are needed (bash scripts/deps.sh installs them)" >&2
  exit 1
fi
tmp=$(mktemp -d)
pids=()
