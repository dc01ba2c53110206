#!/usr/bin/env bash
# Installs code-server (a real VS Code) into .vscode-test/ for the VS Code suite and `npm start`.
# Works offline apart from the npm registry: see docs/development.md for why each step exists.
set -euo pipefail
VERSION=${CODE_SERVER_VERSION:-4.100.3}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.vscode-test/code-server-$VERSION"
bin="$dest/node_modules/code-server/out/node/entry.js"
if [ -f "$dest/.installed" ] && [ -f "$bin" ]; then
  echo "code-server $VERSION already installed in $dest"; exit 0
fi
for tool in rg tar npm; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt-get install ripgrep)" >&2; exit 1; }
done
rm -rf "$dest"; mkdir -p "$dest/tmp"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
export TMPDIR="$dest/tmp" npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

echo "install-code-server: fetching code-server $VERSION (scripts off)"
npm install --ignore-scripts --prefix "$dest" "code-server@$VERSION" >"$dest/install.log" 2>&1 \
  || { tail -20 "$dest/install.log" >&2; exit 1; }

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive.
cs="$dest/node_modules/code-server"
rgver=$(node -e 'const s=require(process.argv[1]);const p=s.packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")' "$cs/lib/vscode/npm-shrinkwrap.json")
if [ -n "$rgver" ]; then
  (cd "$dest/tmp" && npm pack "@vscode/ripgrep@$rgver" >/dev/null 2>>"$dest/install.log")
  tar -xzf "$dest/tmp/vscode-ripgrep-$rgver.tgz" -C "$dest/tmp" package/lib/postinstall.js
  rgtag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$dest/tmp/package/lib/postinstall.js")
  cache="$dest/tmp/vscode-ripgrep-cache-$rgver"; mkdir -p "$cache" "$dest/tmp/rgbin"
  cp "$(command -v rg)" "$dest/tmp/rgbin/rg"
  tar -czf "$cache/ripgrep-$rgtag-x86_64-unknown-linux-musl.tar.gz" -C "$dest/tmp/rgbin" rg
  echo "install-code-server: seeded ripgrep $rgtag cache from Debian's rg"
fi

echo "install-code-server: building native modules (about 80 s on 2 cores)"
(cd "$dest" && npm rebuild --foreground-scripts argon2 code-server >>"$dest/install.log" 2>&1) \
  || { tail -30 "$dest/install.log" >&2; exit 1; }
rm -rf "$dest/tmp"
touch "$dest/.installed"
echo "install-code-server: ready at $bin"
