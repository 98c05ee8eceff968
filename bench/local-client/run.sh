#!/usr/bin/env bash
# Measures the local client: `ctx hook` wall time (process start to exit, through the ./ctx launcher) for
# UserPromptSubmit, SessionStart and a TodoWrite PostToolUse, run in turn with an empty JVM (the raw baseline),
# local search (LocalSearch) over 100,000 items beside the same FTS5 statements over plain JDBC, the drain rate
# of 10,000 queued items and the pull apply rate, against the real services over a real broker and database
# (the test infrastructure, started in the bench JVM).
# Usage: bench/local-client/run.sh [hook-runs [sections]]   (default 200, hook,search,sync; -Dsearch.items=N
#        through BENCH_JAVA_OPTS)
# Needs the launcher (local-client/build-launcher.sh) and the installed sibling modules.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
mkdir -p "$out/classes"
[[ -f "$root/local-client/target/ctx/classpath" ]] || "$root/local-client/build-launcher.sh" --module-only
(cd "$root" && mvn -B -q -o dependency:build-classpath -pl local-client -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt") > /dev/null
classpath="$root/local-client/target/classes:$root/local-client/target/test-classes:$(cat "$out/classpath.txt")"
[[ -d "$root/local-client/target/test-classes" ]] || (cd "$root" && mvn -B -q -o test-compile -pl local-client > /dev/null)
javac -d "$out/classes" -cp "$classpath" "$here/ClientBench.java"
exec java -Xmx2g -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.contextstore.events ${BENCH_JAVA_OPTS:-} \
  -cp "$out/classes:$classpath" ClientBench "$root" "${1:-200}" "${2:-hook,search,sync}"
