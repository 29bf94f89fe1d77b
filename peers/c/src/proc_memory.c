/* Reading /proc for the memory shapes. */
#include "proc_memory.h"

#include "report.h"

#include <stdio.h>
#include <string.h>

/* The number after "key:" in a "Key:   123 kB" file (kB for sizes, a plain count otherwise); 0 if absent. */
static double field(const char *path, const char *key, double scale)
{
    FILE *f = fopen(path, "r");
    if (!f) fail_errno(path);
    char line[512];
    size_t n = strlen(key);
    double value = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            sscanf(line + n + 1, "%lf", &value);
            break;
        }
    fclose(f);
    return value * scale;
}

/* System KernelStack divided by the system's threads (/proc/loadavg's total scheduling entities). */
static double kernel_stack_per_thread(double kernel_stack)
{
    FILE *f = fopen("/proc/loadavg", "r");
    long running = 0, total = 0;
    if (!f) return 0;
    int got = fscanf(f, "%*s %*s %*s %ld/%ld", &running, &total);
    fclose(f);
    return got == 2 && total > 0 ? kernel_stack / (double)total : 0;
}

/* Bytes one task_struct occupies with its slab's overhead (pages per slab x 4 KiB / objects per slab); 0 when
 * /proc/slabinfo is not readable (it is root's). */
static double task_struct_bytes(void)
{
    FILE *f = fopen("/proc/slabinfo", "r");
    if (!f) return 0;
    char line[512], name[64];
    double bytes = 0;
    while (fgets(line, sizeof line, f)) {
        long active, total, size, per_slab, pages;
        if (sscanf(line, "%63s %ld %ld %ld %ld %ld", name, &active, &total, &size, &per_slab, &pages) == 6
            && strcmp(name, "task_struct") == 0 && per_slab > 0) {
            bytes = pages * 4096.0 / per_slab;
            break;
        }
    }
    fclose(f);
    return bytes;
}

void proc_memory_read(struct proc_memory *m)
{
    m->rss = field("/proc/self/smaps_rollup", "Rss", 1024);
    m->pss = field("/proc/self/smaps_rollup", "Pss", 1024);
    m->page_tables = field("/proc/self/status", "VmPTE", 1024);
    m->threads = field("/proc/self/status", "Threads", 1);
    m->system_kernel_stack = field("/proc/meminfo", "KernelStack", 1024);
    m->system_page_tables = field("/proc/meminfo", "PageTables", 1024);
    m->system_slab_unreclaimable = field("/proc/meminfo", "SUnreclaim", 1024);
    m->kernel_stack_per_thread = kernel_stack_per_thread(m->system_kernel_stack);
    m->task_struct = task_struct_bytes();
}

double kernel_estimate(const struct proc_memory *before, const struct proc_memory *after)
{
    return (after->threads - before->threads) * (after->kernel_stack_per_thread + after->task_struct)
           + (after->page_tables - before->page_tables);
}
