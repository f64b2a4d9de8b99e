#!/bin/sh
# Median-of-N uninstrumented wall-clock of each workload at its full size, on the given java launchers.
# Usage: workloads/measure.sh [runs] [java...]   (after mvn -pl workloads package)
set -e
cd "$(dirname "$0")/target"
runs=${1:-3}; shift 2>/dev/null || true
[ $# -gt 0 ] || set -- java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
java -cp workloads.jar dev.shadowheap.workloads.Workloads . | while IFS="$(printf '\t')" read -r name main cp full smoke; do
  for jvm in "$@"; do
    times=""
    i=0
    while [ $i -lt "$runs" ]; do
      start=$(date +%s.%N)
      "$jvm" -cp "$cp" "$main" "$full" > /dev/null 2>&1
      end=$(date +%s.%N)
      times="$times $(echo "$end - $start" | bc)"
      i=$((i + 1))
    done
    median=$(echo $times | tr ' ' '\n' | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    echo "$name $("$jvm" -version 2>&1 | head -1 | cut -d'"' -f2) median=${median} runs:${times}"
  done
done
