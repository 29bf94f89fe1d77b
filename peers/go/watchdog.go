package main

import (
	"io"
	"os"
)

// parentGoneExitCode is the exit code when the parent closed our stdin (peers/PROTOCOL.md, parent watch).
const parentGoneExitCode = 125

// startWatchdogIfAsked starts, with BENCH_PARENT_PIPE=stdin, a goroutine that reads stdin until EOF and then
// exits at once: the parent holds the write end and never writes, so EOF means nobody will read the result.
func startWatchdogIfAsked() {
	if os.Getenv("BENCH_PARENT_PIPE") != "stdin" {
		return
	}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(parentGoneExitCode)
	}()
}
