package main

// pingpong: two goroutines hand a token back and forth over two channels of capacity 1; each receive finds
// its channel empty and parks, so every crossing is one switch. The pong goroutine is started once and
// answers until it receives stopToken; the driver (the main goroutine) is ping and sends the tokens 0, 1, 2,
// ... of one running sequence. Pong checks it receives them in order, ping that each comes back, and each
// sample checks that 2 * round_trips crossings were counted. After the samples one more pass times every
// round trip alone (round-trip-each).

import "sync/atomic"

const stopToken = -1

type pingPong struct {
	toPong, toPing chan int64
	nextToken      int64
	// pongReceived is written only by pong; pingReceived only by the driver.
	pongReceived atomic.Int64
	pingReceived int64
	pongDone     chan struct{}
}

func (p *pingPong) answer() {
	defer close(p.pongDone)
	var expected int64
	for token := range p.toPong {
		if token == stopToken {
			return
		}
		if token != expected {
			fail("pong received token %d, expected %d", token, expected)
		}
		expected++
		p.pongReceived.Add(1)
		p.toPing <- token
	}
}

// exchange returns nanoseconds per crossing over `roundTrips` round trips; with `each` non-nil it also records
// every round trip's nanoseconds into it (a separate pass: the two clock reads per trip stay out of the samples).
func (p *pingPong) exchange(roundTrips int64, each *Series) float64 {
	start := nowNs()
	for i := int64(0); i < roundTrips; i++ {
		var tripStart int64
		if each != nil {
			tripStart = nowNs()
		}
		sent := p.nextToken
		p.nextToken++
		p.toPong <- sent
		back := <-p.toPing
		if each != nil {
			each.Add(float64(nowNs() - tripStart))
		}
		if back != sent {
			fail("ping got token %d back, sent %d", back, sent)
		}
		p.pingReceived++
	}
	return float64(nowNs()-start) / (2 * float64(roundTrips))
}

func runPingPong(spec *Spec, report *Report) {
	p := &pingPong{toPong: make(chan int64, 1), toPing: make(chan int64, 1), pongDone: make(chan struct{})}
	go p.answer()
	warmUp(spec, func() { p.exchange(spec.RoundTrips, nil) })
	perSwitch := report.Add("switch", "ns")
	var tally counterTally
	for s := int64(0); s < spec.Samples; s++ {
		settle()
		before := p.pingReceived + p.pongReceived.Load()
		tally.begin()
		ns := p.exchange(spec.RoundTrips, nil)
		tally.end(2 * float64(spec.RoundTrips))
		if crossed := p.pingReceived + p.pongReceived.Load() - before; crossed != 2*spec.RoundTrips {
			fail("%d tokens crossed, expected %d", crossed, 2*spec.RoundTrips)
		}
		perSwitch.Add(ns)
	}
	tally.attach(perSwitch)
	// After the samples, so their clock is not read per trip: one pass that times every round trip.
	settle()
	p.exchange(spec.RoundTrips, report.Add("round-trip-each", "ns"))
	p.toPong <- stopToken
	<-p.pongDone
}
