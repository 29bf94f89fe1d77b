# Shared by the scripts: where the repository is and how to call the bench application.
# BENCH may be set to a ready command (e.g. "dotnet /path/Bench.dll") to skip `dotnet run`'s build step.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${BENCH:-}" ]; then
  read -r -a BENCH_CMD <<< "$BENCH"
else
  BENCH_CMD=(dotnet run -c Release --project "$ROOT/bench" --)
fi
bench() { "${BENCH_CMD[@]}" "$@"; }
