package main

import (
	"runtime"
	"time"
)

// warmUp runs `once` at least spec.Warmup times and for at least spec.WarmupMs, discarding the results.
func warmUp(spec *Spec, once func()) {
	until := time.Now().Add(time.Duration(spec.WarmupMs) * time.Millisecond)
	for i := int64(0); i < spec.Warmup || time.Now().Before(until); i++ {
		once()
	}
}

// settle is the protocol's settle step before a sample: a full garbage collection, so that one sample's
// garbage is not collected on the next one's clock.
func settle() { runtime.GC() }
