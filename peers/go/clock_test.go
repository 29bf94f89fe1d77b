package main

import "testing"

// The stall's deadlines are slept to on the kernel's clock and compared with nowNs(): the two must agree.
func TestNowNs_AgreesWithTheKernelsMonotonicClock(t *testing.T) {
	for i := 0; i < 100; i++ {
		before := nowNs()
		kernel := monotonicFromKernel()
		after := nowNs()
		// The kernel's reading lies between ours, give or take the offset's error (half a bracket, well under 1 µs;
		// 20 µs of slack for a descheduled thread).
		if kernel < before-20000 || kernel > after+20000 {
			t.Fatalf("kernel clock %d outside [%d, %d]", kernel, before, after)
		}
	}
}
