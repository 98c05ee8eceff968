#!/usr/bin/env bash
# Builds the `ctx` launcher (run it with ./ctx from the repository root):
#   1. the local-client jar and the list of its runtime jars (Maven),
#   2. the SQLite native library unpacked once (sqlite-jdbc would otherwise copy it to /tmp on every start),
#   3. an AppCDS archive of the classes `ctx hook` loads, recorded by a training run, so the hook starts fast.
# Usage: local-client/build-launcher.sh [--module-only]
#   --module-only  build only local-client against already installed sibling modules (for work inside this repo)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/target/ctx"

if [[ "${1:-}" == "--module-only" ]]; then
  (cd "$root" && mvn -B -q -o -DskipTests package -pl local-client)
else
  (cd "$root" && mvn -B -q -DskipTests package -pl local-client -am)
fi

jar="$(ls "$here"/target/local-client-*.jar | grep -v -e sources -e tests | head -1)"
rm -rf "$out" && mkdir -p "$out/native"
printf '%s:%s\n' "$jar" "$(cat "$here/target/runtime-classpath.txt")" > "$out/classpath"
classpath="$(cat "$out/classpath")"
# ctx mcp: the same list first (so the class data archive still applies), then every runtime jar.
printf '%s:%s\n' "$classpath" "$(cat "$here/target/mcp-classpath.txt")" > "$out/mcp-classpath"

sqlite_jar="$(tr ':' '\n' < "$out/classpath" | grep '/sqlite-jdbc-' | head -1)"
folder="$(java -cp "$sqlite_jar" org.sqlite.util.OSInfo)"              # e.g. Linux/x86_64
case "$folder" in
  Mac*) library=libsqlitejdbc.dylib ;;
  Windows*) library=sqlitejdbc.dll ;;
  *) library=libsqlitejdbc.so ;;
esac
(cd "$out/native" && jar xf "$sqlite_jar" "org/sqlite/native/$folder/$library" \
  && mv "org/sqlite/native/$folder/$library" . && rm -rf org)
printf '%s\n' "$library" > "$out/native/name"

# Training run: one TodoWrite hook event into a throwaway home, recording the loaded classes at exit.
training="$(mktemp -d)"
trap 'rm -rf "$training"' EXIT
CTX_HOME="$training" java -XX:ArchiveClassesAtExit="$out/ctx.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dorg.sqlite.lib.path="$out/native" -Dorg.sqlite.lib.name="$library" \
  -cp "$classpath" io.contextstore.client.cli.Main hook --project training <<'JSON'
{"session_id": "training", "hook_event_name": "PostToolUse", "tool_name": "TodoWrite", "cwd": "/tmp",
 "tool_input": {"todos": [{"content": "train the launcher", "status": "in_progress", "activeForm": "Training"}]},
 "tool_response": {}}
JSON
echo "ctx launcher ready: $root/ctx (class data archive $out/ctx.jsa)"
