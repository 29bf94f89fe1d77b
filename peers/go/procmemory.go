package main

// One reading of where this process's memory is, as harness/Harness/Measurement/ProcessMemory.cs reads it:
// resident memory (smaps_rollup), page tables (VmPTE), threads, the system's kernel counters a thread costs
// (KernelStack, PageTables, SUnreclaim from /proc/meminfo) and the per-thread kernel costs (KernelStack per
// system thread, the task_struct slab's bytes per object).

import (
	"os"
	"strconv"
	"strings"
)

type procMemory struct {
	rss, pss, pageTables, threads                                float64
	systemKernelStack, systemPageTables, systemSlabUnreclaimable float64
	kernelStackPerThread, taskStruct                             float64
}

// readProcMemory collects garbage (the settle step) and reads everything.
func readProcMemory() procMemory {
	settle()
	rollup, status, meminfo := keyedNumbers("/proc/self/smaps_rollup"), keyedNumbers("/proc/self/status"), keyedNumbers("/proc/meminfo")
	return procMemory{
		rss: rollup["Rss"] * 1024, pss: rollup["Pss"] * 1024, pageTables: status["VmPTE"] * 1024, threads: status["Threads"],
		systemKernelStack: meminfo["KernelStack"] * 1024, systemPageTables: meminfo["PageTables"] * 1024,
		systemSlabUnreclaimable: meminfo["SUnreclaim"] * 1024,
		kernelStackPerThread:    kernelStackPerThread(meminfo["KernelStack"] * 1024),
		taskStruct:              taskStructBytes(),
	}
}

// kernelEstimate is this process's kernel memory added between the readings, estimated: new threads x (kernel
// stack + task_struct) plus the growth of its page tables (measured).
func kernelEstimate(before, after procMemory) float64 {
	return (after.threads-before.threads)*(after.kernelStackPerThread+after.taskStruct) + (after.pageTables - before.pageTables)
}

// keyedNumbers reads "Key:   123 kB" lines into key to number (kB for sizes, a plain count otherwise).
func keyedNumbers(path string) map[string]float64 {
	text, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	values := map[string]float64{}
	for _, line := range strings.Split(string(text), "\n") {
		key, rest, found := strings.Cut(line, ":")
		if fields := strings.Fields(rest); found && len(fields) > 0 {
			if v, err := strconv.ParseFloat(fields[0], 64); err == nil {
				values[strings.TrimSpace(key)] = v
			}
		}
	}
	return values
}

// kernelStackPerThread divides the system's KernelStack by its threads (/proc/loadavg's scheduling entities).
func kernelStackPerThread(kernelStack float64) float64 {
	text, err := os.ReadFile("/proc/loadavg")
	fields := strings.Fields(string(text))
	if err != nil || len(fields) < 4 {
		return 0
	}
	_, total, _ := strings.Cut(fields[3], "/")
	threads, err := strconv.ParseFloat(total, 64)
	if err != nil || threads <= 0 {
		return 0
	}
	return kernelStack / threads
}

// taskStructBytes is one task_struct with its slab's overhead (pages per slab x 4 KiB / objects per slab); 0
// when /proc/slabinfo is not readable (it is root's).
func taskStructBytes() float64 {
	text, err := os.ReadFile("/proc/slabinfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(text), "\n") {
		f := strings.Fields(line)
		if len(f) > 5 && f[0] == "task_struct" {
			perSlab, err1 := strconv.ParseFloat(f[4], 64)
			pages, err2 := strconv.ParseFloat(f[5], 64)
			if err1 == nil && err2 == nil && perSlab > 0 {
				return pages * 4096 / perSlab
			}
		}
	}
	return 0
}
