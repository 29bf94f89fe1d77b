/*
 * One reading of where this process's memory is, as harness/Harness/Measurement/ProcessMemory.cs reads it:
 * resident memory (smaps_rollup), page tables (VmPTE), threads, the system's kernel counters a thread costs
 * (KernelStack, PageTables, SUnreclaim from /proc/meminfo) and the per-thread kernel costs (KernelStack per
 * system thread, the task_struct slab's bytes per object).
 */
#ifndef PROC_MEMORY_H
#define PROC_MEMORY_H

struct proc_memory {
    double rss, pss, page_tables, threads;
    double system_kernel_stack, system_page_tables, system_slab_unreclaimable;
    double kernel_stack_per_thread, task_struct;
};

void proc_memory_read(struct proc_memory *out);

/* This process's kernel memory added between the readings, estimated: new threads x (kernel stack +
 * task_struct) plus the growth of its page tables (measured). */
double kernel_estimate(const struct proc_memory *before, const struct proc_memory *after);

#endif
