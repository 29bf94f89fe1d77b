package main

// holdTimer wakes waiters at precise moments from one goroutine locked to its own OS thread (timer slack 1 ns),
// so that a `wait` offender can wait on an event another thread sets after exactly hold_us, as
// harness/Harness/Workloads/HoldTimer.cs does for .NET. Go's own timers would not do: the netpoller's epoll
// wait has millisecond resolution. The thread waits on its request channel while the nearest deadline is more
// than 2 ms away (until 1 ms before it), and sleeps in nanosleep slices of at most 200 µs closer in.

import (
	"runtime"
	"time"
)

const (
	holdTimerFar   = 2 * time.Millisecond
	holdTimerEarly = time.Millisecond
	holdTimerSlice = 200 * time.Microsecond
)

type wakeRequest struct {
	deadline int64
	wake     chan<- struct{}
}

type holdTimer struct {
	requests chan wakeRequest
	stop     chan struct{}
	stopped  chan struct{}
}

func startHoldTimer() *holdTimer {
	t := &holdTimer{requests: make(chan wakeRequest, 64), stop: make(chan struct{}), stopped: make(chan struct{})}
	go t.run()
	return t
}

// wakeAt sends on wake (which must have room for one value) when CLOCK_MONOTONIC reaches deadline.
func (t *holdTimer) wakeAt(deadline int64, wake chan<- struct{}) {
	t.requests <- wakeRequest{deadline, wake}
}

// close stops the timer once every pending wake was sent.
func (t *holdTimer) close() {
	close(t.stop)
	<-t.stopped
}

func (t *holdTimer) run() {
	runtime.LockOSThread()
	defer close(t.stopped)
	usePreciseTimers()
	var pending []wakeRequest
	stopping := false
	for {
		if len(pending) == 0 {
			if stopping {
				return
			}
			select {
			case r := <-t.requests:
				pending = append(pending, r)
			case <-t.stop:
				stopping = true
			}
			continue
		}
		now, nearest := nowNs(), int64(1<<62)
		kept := pending[:0]
		for _, r := range pending {
			if r.deadline <= now {
				r.wake <- struct{}{}
			} else {
				kept = append(kept, r)
				if r.deadline < nearest {
					nearest = r.deadline
				}
			}
		}
		pending = kept
		if len(pending) == 0 {
			continue
		}
		remaining := time.Duration(nearest - now)
		if remaining > holdTimerFar {
			select {
			case r := <-t.requests:
				pending = append(pending, r)
			case <-t.stop:
				stopping = true
			case <-time.After(remaining - holdTimerEarly):
			}
			continue
		}
		for drained := false; !drained; {
			select {
			case r := <-t.requests:
				pending = append(pending, r)
			default:
				drained = true
			}
		}
		if remaining > holdTimerSlice {
			remaining = holdTimerSlice
		}
		nanosleep(int64(remaining))
	}
}
