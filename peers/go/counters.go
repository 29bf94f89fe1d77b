package main

import "syscall"

// counterTally sums OS context switches (getrusage(RUSAGE_SELF), every thread of the process) over the
// measured regions of a quantity, and their operations.
type counterTally struct {
	voluntary, involuntary int64
	operations             float64
	started                syscall.Rusage
}

func readUsage(usage *syscall.Rusage) {
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, usage); err != nil {
		fail("getrusage: %v", err)
	}
}

// begin marks the start of a measured region.
func (t *counterTally) begin() { readUsage(&t.started) }

// end closes the region begun last, which did `operations` operations.
func (t *counterTally) end(operations float64) {
	var now syscall.Rusage
	readUsage(&now)
	t.voluntary += now.Nvcsw - t.started.Nvcsw
	t.involuntary += now.Nivcsw - t.started.Nivcsw
	t.operations += operations
}

// attach puts the switches per operation on a series.
func (t *counterTally) attach(s *Series) {
	if t.operations > 0 {
		s.Counters = &Counters{float64(t.voluntary) / t.operations, float64(t.involuntary) / t.operations}
	}
}
