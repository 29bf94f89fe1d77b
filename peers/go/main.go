// Command go-peer is the `go` model's scenario child of peers/PROTOCOL.md: a unit is a goroutine,
// GOMAXPROCS is the number of CPUs in the affinity mask, handoffs are channels and byte links are read
// through the runtime's netpoller.
//
// Usage: go-peer --spec '<JSON>'. Exit codes: 0 BENCH-RESULT printed; 2 bad spec; 3 the scenario failed;
// 125 the parent went away (BENCH_PARENT_PIPE=stdin).
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run parses the arguments, runs the scenario and prints the protocol line; it returns the exit code
// (a failure inside a scenario exits 3 at once through fail).
func run(args []string) int {
	if len(args) != 2 || args[0] != "--spec" {
		return badSpec("usage: go-peer --spec '<JSON>'")
	}
	spec, err := parseSpec(args[1])
	if err != nil {
		return badSpec(err.Error())
	}
	startWatchdogIfAsked()
	cpus := affinity()
	runtime.GOMAXPROCS(len(cpus))
	if spec.Pinned && len(cpus) != 1 {
		fail("scenario asks to be pinned to one CPU but may run on %d (%s)", len(cpus), joinCPUs(cpus))
	}
	var report Report
	switch spec.Shape {
	case ShapeSpawnJoin:
		runCreation(spec, &report)
	case ShapeBrigade, ShapeBrigadePipe:
		runBrigade(spec, &report)
	case ShapeBrigadeMem:
		runBrigadeMem(spec, &report)
	case ShapePingPong:
		runPingPong(spec, &report)
	case ShapeYield:
		runYield(spec, &report)
	case ShapeParked, ShapeParkedTouch:
		runParked(spec, &report)
	case ShapeStall:
		runStall(spec, &report)
	}
	report.Print(cpus)
	return 0
}

func badSpec(what string) int {
	fmt.Printf("BENCH-FAILURE bad spec: %s\n", what)
	return 2
}
