package main

// brigade and brigade-pipe: U goroutines chained by U+1 byte links. The driver (the main goroutine) writes a
// one-byte counter into link 0; goroutine i reads link i, adds one and writes link i+1; the driver reads link
// U and checks the byte grew by U. A round is U+1 transfers.
//
// Shutdown: the driver raises `stopping` and sends one last round. A relay reads the flag right after it
// receives a byte (never after forwarding it, when the flag may already be up for the next round), forwards
// the byte and returns, so every relay ends after exactly one more hop: hops == (rounds + 1) * U.
//
// Baseline: the same write+read pairs on U+1 links of the same kind, by the driver alone (no switch),
// interleaved sample by sample with the raw rounds. They are a second set of links: the relays are parked
// reading the chain's own links, and a byte written there would wake them.

import (
	"sync"
	"sync/atomic"
)

type brigade struct {
	units                int
	links, baselineLinks []*byteLink
	// forwarded[i] is written only by relay i and read after the wait.
	forwarded []int64
	// stopping is raised by the driver before the stop round's byte; read by each relay right after it receives.
	stopping   atomic.Bool
	done       sync.WaitGroup
	nextByte   byte
	roundsDone int64
	// driverBuffer is the driver's one-byte transfer buffer.
	driverBuffer []byte
}

func (b *brigade) forward(i int) {
	defer b.done.Done()
	in, out, buffer := b.links[i], b.links[i+1], make([]byte, 1)
	for {
		v := in.read(buffer)
		last := b.stopping.Load()
		out.write(buffer, v+1)
		b.forwarded[i]++
		if last {
			return
		}
	}
}

func (b *brigade) round() {
	sent := b.nextByte
	b.nextByte++
	expected := sent + byte(b.units)
	b.links[0].write(b.driverBuffer, sent)
	if back := b.links[b.units].read(b.driverBuffer); back != expected {
		fail("the byte came back as %d, expected %d: a unit skipped a hop", back, expected)
	}
}

// runRounds returns nanoseconds per transfer over `rounds` rounds.
func (b *brigade) runRounds(rounds int64) float64 {
	start := nowNs()
	for r := int64(0); r < rounds; r++ {
		b.round()
	}
	elapsed := nowNs() - start
	b.roundsDone += rounds
	return float64(elapsed) / float64(int64(b.units+1)*rounds)
}

// runBaseline returns nanoseconds per write+read pair done by the driver alone on each baseline link in turn.
func (b *brigade) runBaseline(rounds int64) float64 {
	start := nowNs()
	for r := int64(0); r < rounds; r++ {
		for l, link := range b.baselineLinks {
			sent := byte(r) + byte(l)
			link.write(b.driverBuffer, sent)
			if back := link.read(b.driverBuffer); back != sent {
				fail("baseline read %d, wrote %d", back, sent)
			}
		}
	}
	return float64(nowNs()-start) / float64(int64(b.units+1)*rounds)
}

func (b *brigade) stop() {
	b.stopping.Store(true)
	b.round()
	b.done.Wait()
	checkEveryHop(b.forwarded, b.roundsDone, "bytes")
	for l := range b.links {
		b.links[l].close()
		b.baselineLinks[l].close()
	}
}

// checkEveryHop fails unless the relays of a stopped chain forwarded exactly (rounds + 1) values each: every
// round of the run plus the stop round.
func checkEveryHop(forwarded []int64, rounds int64, what string) {
	var hops int64
	for _, n := range forwarded {
		hops += n
	}
	if expected := (rounds + 1) * int64(len(forwarded)); hops != expected {
		fail("units forwarded %d %s, expected %d", hops, what, expected)
	}
}

func runBrigade(spec *Spec, report *Report) {
	pipe := spec.Shape == ShapeBrigadePipe
	b := &brigade{units: int(spec.Units), forwarded: make([]int64, spec.Units), driverBuffer: make([]byte, 1)}
	for l := 0; l <= b.units; l++ {
		b.links = append(b.links, openLink(pipe))
		b.baselineLinks = append(b.baselineLinks, openLink(pipe))
	}
	b.done.Add(b.units)
	for i := 0; i < b.units; i++ {
		go b.forward(i)
	}

	warmUp(spec, func() {
		b.runBaseline(spec.Rounds)
		b.runRounds(spec.Rounds)
	})
	net, raw, baseline := report.Add("net", "ns"), report.Add("raw", "ns"), report.Add("baseline", "ns")
	var tally counterTally
	for s := int64(0); s < spec.Samples; s++ {
		settle()
		pair := b.runBaseline(spec.Rounds)
		settle()
		tally.begin()
		perTransfer := b.runRounds(spec.Rounds)
		tally.end(float64(int64(b.units+1) * spec.Rounds))
		net.Add(perTransfer - pair)
		raw.Add(perTransfer)
		baseline.Add(pair)
	}
	tally.attach(net)
	b.stop()
}
