package main

import (
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// affinity returns the CPUs this process may run on (sched_getaffinity).
func affinity() []int {
	var mask [1024 / 64]uint64
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, 0, uintptr(len(mask)*8), uintptr(unsafe.Pointer(&mask[0])))
	if errno != 0 {
		fail("sched_getaffinity: %v", errno)
	}
	var cpus []int
	for word, bits := range mask {
		for bit := 0; bit < 64; bit++ {
			if bits&(1<<bit) != 0 {
				cpus = append(cpus, word*64+bit)
			}
		}
	}
	return cpus
}

// joinCPUs writes CPUs as the protocol does: "0,1,3".
func joinCPUs(cpus []int) string {
	parts := make([]string, len(cpus))
	for i, cpu := range cpus {
		parts[i] = strconv.Itoa(cpu)
	}
	return strings.Join(parts, ",")
}
