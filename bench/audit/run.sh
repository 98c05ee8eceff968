#!/usr/bin/env bash
# Measures the auditors' tools on a log of N events of one tenant (default 1,000,000), produced with a
# fast raw producer (not through HTTP): the live projector's catch-up, `audit replay` (events/s, through
# the audit API, writing JSON Lines to a file) and `audit verify` (rebuild beside + compare), against the
# real services over a real broker and database (the test infrastructure, started in the bench JVM).
# Usage: bench/audit/run.sh [events]
# Needs the installed sibling modules (mvn -o install -DskipTests -pl stack -am) and stack's test classes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
mkdir -p "$out/classes"
(cd "$root" && mvn -B -q -o dependency:build-classpath -f stack/pom.xml -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt")
[[ -d "$root/stack/target/test-classes" ]] || (cd "$root" && mvn -B -q -o test-compile -f stack/pom.xml)
classpath="$root/stack/target/classes:$root/stack/target/test-classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$classpath" "$here/AuditBench.java"
exec java -Xmx4g -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.contextstore.events \
  -cp "$out/classes:$classpath" io.contextstore.stack.audit.AuditBench "${1:-1000000}" "$out"
