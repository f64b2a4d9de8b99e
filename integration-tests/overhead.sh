#!/bin/sh
# Measures the agent's overhead on the real workloads (or sample apps): builds the agent, the workloads and the
# harness, then runs dev.shadowheap.it.OverheadHarness with the arguments given, e.g.
#   integration-tests/overhead.sh --workloads all --size full --runs 5
#   integration-tests/overhead.sh --workloads h2,lucene --size smoke --agent-options audit=0 --jdk /usr/lib/jvm/temurin-25-jdk-amd64
# Environment: SH_TARGET (build directory name, default target), SKIP_BUILD=1 (use what is built), MVN_FLAGS.
# Results: the table on stdout; every run in benchmark-results/overhead-<time>.json (or --out).
set -e
cd "$(dirname "$0")/.."
t=${SH_TARGET:-target}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:--B -ntp} -DskipTests package -pl agent,workloads,integration-tests -am -Dsh.target="$t"
fi
exec java -cp "integration-tests/$t/classes:shadow-heap/$t/classes:workloads/$t/workloads.jar" dev.shadowheap.it.OverheadHarness \
  --agent "agent/$t/shadowheap-agent.jar" --workloads-dir "workloads/$t" "$@"
