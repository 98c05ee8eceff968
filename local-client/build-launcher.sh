#!/usr/bin/env bash
# Builds the `ctx` launcher (run it with ./ctx from the repository root):
#   1. the local-client jar and the list of its runtime jars (Maven),
#   2. the SQLite native library unpacked once (sqlite-jdbc would otherwise copy it to /tmp on every start),
#   3. an AppCDS archive of the classes `ctx hook` loads, recorded by a training run, so the hook starts fast.
# The launcher runs its own copies of the jars (target/ctx/lib): the archive records each jar's size and time and
# is refused as a whole, silently, once one differs. A later `mvn package` of this module, or an `mvn install` into
# ~/.m2 by anyone (--module-only takes the sibling modules from there), would otherwise turn it off unseen.
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
rm -rf "$out" && mkdir -p "$out/lib" && mkdir -m 700 "$out/native"   # native code is loaded from it: this user's only
trap 'rm -rf "$out"' ERR   # no launcher rather than one with a partial archive (the JVM writes it even after a failure)
classpath=""
IFS=: read -r -a runtime <<< "$jar:$(cat "$here/target/runtime-classpath.txt")"
# sqlite-jdbc first: it reads its version from its own jar at every start, and a resource lookup opens each jar
# before the one that has it (Avro's is the largest).
entries=()
for entry in "${runtime[@]}"; do
  if [[ "$entry" == */sqlite-jdbc-* ]]; then entries=("$entry" "${entries[@]}"); else entries+=("$entry"); fi
done
for entry in "${entries[@]}"; do
  cp -p "$entry" "$out/lib/"
  classpath="${classpath:+$classpath:}$out/lib/$(basename "$entry")"
done
printf '%s\n' "$classpath" > "$out/classpath"
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

# Training run: the hook's events (TodoWrite, SessionStart, UserPromptSubmit) and the everyday commands, in one
# JVM (LauncherTraining), recording the classes they load at exit. picocli's classes cannot be archived (class
# file version 49, "Pre JDK 6 class not supported by CDS"), which is why `ctx hook` does not use picocli.
training="$(mktemp -d)"
trap 'rm -rf "$training"' EXIT
cat > "$training/todowrite.json" <<'JSON'
{"session_id": "training", "hook_event_name": "PostToolUse", "tool_name": "TodoWrite", "cwd": "/tmp/training",
 "tool_input": {"todos": [{"content": "train the launcher", "status": "in_progress", "activeForm": "Training"}]},
 "tool_response": {}}
JSON
printf '%s\n' '{"session_id": "training", "hook_event_name": "SessionStart", "cwd": "/tmp/training", "source": "startup"}' \
  > "$training/sessionstart.json"
printf '%s\n' '{"session_id": "training", "hook_event_name": "UserPromptSubmit", "cwd": "/tmp/training", "prompt": "how do we train the launcher?"}' \
  > "$training/prompt.json"
CTX_HOME="$training/home" java -XX:ArchiveClassesAtExit="$out/ctx.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dorg.sqlite.lib.path="$out/native" -Dorg.sqlite.lib.name="$library" \
  -cp "$classpath" io.contextstore.client.cli.LauncherTraining \
  "hook --project training <$training/todowrite.json" \
  "push decision --title Training --decision launcher --project training" \
  "hook <$training/sessionstart.json" \
  "hook <$training/prompt.json" \
  "search launcher" "list tasks --open" "show local:decision:1" "status --offline" "queue list" \
  2> "$training/stderr" || failed=$?
cat "$training/stderr" >&2
if [[ -n "${failed:-}" ]] || grep -q '^training: ' "$training/stderr"; then
  echo "build-launcher: the training run failed (above); no launcher built" >&2
  false
fi

# Check: a UserPromptSubmit hook through ./ctx in its own JVM (CTX_DAEMON=off: no daemon answers it or is started by it),
# with the archive required (-Xshare:on fails if it cannot be mapped), loads its classes from the archive. Printed, so a
# regression shows in every build.
CTX_HOME="$training/home" CTX_DAEMON=off CTX_JAVA_OPTS="-Xshare:on -Xlog:class+load:file=$training/classes.log" \
  "$root/ctx" hook < "$training/prompt.json" > /dev/null
archived="$(grep -c 'source: shared objects file' "$training/classes.log" || true)"
from_jars="$(grep -c -e 'source: file:' -e 'source: jar:' "$training/classes.log" || true)"
from_jdk="$(grep -c 'source: jrt:' "$training/classes.log" || true)"
generated="$(grep -c 'source: __' "$training/classes.log" || true)"
echo "ctx launcher ready: $root/ctx (class data archive $out/ctx.jsa; a UserPromptSubmit hook loads $archived classes" \
  "from it, $from_jars from jars, $from_jdk from the JDK's modules, $generated generated at run time)"
