package main

import (
	"syscall"
	"time"
	"unsafe"
)

// Linux constants the syscall package does not name.
const (
	clockMonotonic  = 1
	timerAbstime    = 1
	prSetTimerslack = 29
)

// clockBase and clockOffset put the monotonic clock that time.Now reads (CLOCK_MONOTONIC, via the vDSO) on the
// kernel's own scale, so that absolute deadlines can be handed to clock_nanosleep: nowNs() is CLOCK_MONOTONIC
// to within the one clock_gettime call made at startup.
var clockBase = time.Now()
var clockOffset = monotonicFromKernel() - int64(time.Since(clockBase))

func monotonicFromKernel() int64 {
	var ts syscall.Timespec
	if _, _, errno := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockMonotonic, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		fail("clock_gettime: %v", errno)
	}
	return ts.Nano()
}

// nowNs is CLOCK_MONOTONIC in nanoseconds.
func nowNs() int64 {
	return clockOffset + int64(time.Since(clockBase))
}

// sleepUntilNs blocks the calling thread in clock_nanosleep until CLOCK_MONOTONIC reads deadline (absolute, so
// that a ticker does not drift). It is a blocking system call: the runtime hands the goroutine's P to another
// thread if it lasts.
func sleepUntilNs(deadline int64) {
	ts := syscall.NsecToTimespec(deadline)
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_CLOCK_NANOSLEEP, clockMonotonic, timerAbstime, uintptr(unsafe.Pointer(&ts)), 0, 0, 0)
		if errno == 0 {
			return
		}
		if errno != syscall.EINTR {
			fail("clock_nanosleep: %v", errno)
		}
	}
}

// nanosleep blocks the calling thread in one nanosleep system call (retried on EINTR with what remains).
func nanosleep(duration int64) {
	request := syscall.NsecToTimespec(duration)
	var remaining syscall.Timespec
	for {
		err := syscall.Nanosleep(&request, &remaining)
		if err == nil {
			return
		}
		if err != syscall.EINTR {
			fail("nanosleep: %v", err)
		}
		request = remaining
	}
}

// usePreciseTimers sets the calling thread's timer slack to 1 ns (by default Linux may defer a sleeper's wake-up
// by 50 µs). Goroutines move between threads, so a goroutine calls it before each sleep it wants precise.
func usePreciseTimers() {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetTimerslack, 1, 0); errno != 0 {
		fail("prctl(PR_SET_TIMERSLACK): %v", errno)
	}
}
