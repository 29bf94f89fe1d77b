/*
 * Checking a scenario spec against peers/PROTOCOL.md sections 1 and 2. Order: the JSON itself, the protocol
 * version (a child of another version must not guess at the rest), the shape and its metric, the model, then
 * every key: unknown keys, missing keys, types and ranges. The first problem found is the one reported.
 */
#include "spec.h"

#include "flat_json.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FIELDS = 8 };

/* A shape: its name, its metric and the fields it lists. */
struct shape_info {
    enum shape shape;
    const char *name;
    const char *metric;
    const char *fields[MAX_FIELDS];
};

static const struct shape_info shapes[] = {
    { SHAPE_SPAWN_JOIN, "spawn-join", "creation", { "units", "idle_runs", "idle_pause_us" } },
    { SHAPE_BRIGADE, "brigade", "switch", { "units", "rounds" } },
    { SHAPE_BRIGADE_PIPE, "brigade-pipe", "switch", { "units", "rounds" } },
    { SHAPE_BRIGADE_MEM, "brigade-mem", "switch", { "units", "rounds" } },
    { SHAPE_PINGPONG, "pingpong", "switch", { "round_trips" } },
    { SHAPE_YIELD, "yield", "switch", { "units", "yields" } },
    { SHAPE_PARKED, "parked", "memory", { "units", "touch_bytes", "stack_bytes" } },
    { SHAPE_PARKED_TOUCH, "parked-touch", "memory", { "units", "touch_bytes", "stack_bytes" } },
    { SHAPE_PARKED_SMALL_STACK, "parked-small-stack", "memory", { "units", "touch_bytes", "stack_bytes" } },
    { SHAPE_STALL, "stall", "stall", { "probes", "offenders", "block", "hold_us", "window_ms", "tick_us" } },
};

static const char *const common_keys[] = { "protocol", "metric", "model", "shape", "pinned", "warmup", "warmup_ms", "samples" };

/* Integer fields and their ranges; the upper bounds keep a typo from asking for days of work or all memory. */
struct int_field {
    const char *key;
    long min, max;
    size_t offset;
};

#define FIELD(name, lo, hi) { #name, lo, hi, offsetof(struct spec, name) }
static const struct int_field int_fields[] = {
    FIELD(warmup, 0, 1000000), FIELD(warmup_ms, 0, 3600000), FIELD(samples, 1, 1000000),
    FIELD(units, 1, 1000000), FIELD(rounds, 1, 100000000), FIELD(idle_runs, 1, 100000),
    FIELD(idle_pause_us, 0, 10000000), FIELD(round_trips, 1, 1000000000), FIELD(yields, 1, 100000000),
    FIELD(touch_bytes, 0, 1024), FIELD(stack_bytes, 0, 1L << 30), FIELD(probes, 1, 64), FIELD(offenders, 1, 4096),
    FIELD(hold_us, 1, 10000000), FIELD(window_ms, 2, 600000), FIELD(tick_us, 10, 1000000),
};

/* Ticks a stall run may record per probe (two windows of window_ms), bounding its memory. */
enum { MAX_STALL_TICKS = 10000000 };

static int bad(char *error, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(error, size, format, args);
    va_end(args);
    return -1;
}

static const char *string_value(const struct json_object *o, const char *key, char *error, size_t size)
{
    const struct json_member *m = json_find(o, key);
    if (!m) { bad(error, size, "missing key '%s'", key); return NULL; }
    if (m->kind != JSON_STRING) { bad(error, size, "'%s' must be a string, not %s", key, m->text); return NULL; }
    return m->text;
}

static int check_int(const struct json_object *o, const struct int_field *f, long *out, char *error, size_t size)
{
    const struct json_member *m = json_find(o, f->key);
    if (!m) return bad(error, size, "missing key '%s'", f->key);
    if (m->kind != JSON_NUMBER || strpbrk(m->text, ".eE"))
        return bad(error, size, "'%s' must be an integer, not %s%s%s", f->key,
                   m->kind == JSON_STRING ? "\"" : "", m->text, m->kind == JSON_STRING ? "\"" : "");
    errno = 0;
    long long value = strtoll(m->text, NULL, 10);
    if (errno == ERANGE || value < f->min || value > f->max)
        return bad(error, size, "'%s' must be from %ld to %ld, not %s", f->key, f->min, f->max, m->text);
    *out = (long)value;
    return 0;
}

static int is_listed(const char *key, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count && list[i]; i++)
        if (strcmp(key, list[i]) == 0) return 1;
    return 0;
}

static int check_keys(const struct json_object *o, const struct shape_info *s, char *error, size_t size)
{
    size_t common = sizeof common_keys / sizeof common_keys[0];
    for (size_t i = 0; i < o->count; i++) {
        const char *key = o->members[i].key;
        if (!is_listed(key, common_keys, common) && !is_listed(key, s->fields, MAX_FIELDS))
            return bad(error, size, "unknown key '%s' for shape %s", key, s->name);
    }
    for (size_t i = 0; i < common; i++)
        if (!json_find(o, common_keys[i])) return bad(error, size, "missing key '%s'", common_keys[i]);
    for (size_t i = 0; i < MAX_FIELDS && s->fields[i]; i++)
        if (!json_find(o, s->fields[i])) return bad(error, size, "missing key '%s' (shape %s)", s->fields[i], s->name);
    return 0;
}

static int check_values(const struct json_object *o, struct spec *out, char *error, size_t size)
{
    const struct json_member *pinned = json_find(o, "pinned");
    if (pinned->kind != JSON_BOOL) return bad(error, size, "'pinned' must be true or false, not %s", pinned->text);
    out->pinned = strcmp(pinned->text, "true") == 0;
    for (size_t i = 0; i < sizeof int_fields / sizeof int_fields[0]; i++) {
        const struct int_field *f = &int_fields[i];
        if (!json_find(o, f->key)) continue; /* absent fields of other shapes; required ones were checked */
        if (check_int(o, f, (long *)((char *)out + f->offset), error, size) != 0) return -1;
    }
    if (json_find(o, "block")) {
        const char *block = string_value(o, "block", error, size);
        if (!block) return -1;
        if (strcmp(block, "sleep") == 0) out->block = BLOCK_SLEEP;
        else if (strcmp(block, "spin") == 0) out->block = BLOCK_SPIN;
        else if (strcmp(block, "wait") == 0) out->block = BLOCK_WAIT;
        else return bad(error, size, "'block' must be sleep, spin or wait, not '%s'", block);
    }
    return 0;
}

/* Cross-field rules a single range cannot say. */
static int check_combinations(const struct spec *s, char *error, size_t size)
{
    if (s->touch_bytes != 0 && s->touch_bytes != 1024)
        return bad(error, size, "'touch_bytes' must be 0 or 1024, not %ld", s->touch_bytes);
    if (s->stack_bytes != 0 && s->stack_bytes < 16384)
        return bad(error, size, "'stack_bytes' must be 0 (the default) or at least 16384, not %ld", s->stack_bytes);
    if (s->shape == SHAPE_STALL && s->window_ms * 2000L / s->tick_us > MAX_STALL_TICKS)
        return bad(error, size, "a stall of window_ms %ld with tick_us %ld records more than %d ticks per probe",
                   s->window_ms, s->tick_us, MAX_STALL_TICKS);
    return 0;
}

static int check_protocol(const struct json_object *o, char *error, size_t size)
{
    const struct json_member *protocol = json_find(o, "protocol");
    if (!protocol) return bad(error, size, "missing key 'protocol'");
    if (protocol->kind != JSON_NUMBER || strcmp(protocol->text, "2") != 0)
        return bad(error, size, "protocol %s is not supported (this child speaks protocol 2)", protocol->text);
    return 0;
}

static const struct shape_info *find_shape(const struct json_object *o, char *error, size_t size)
{
    const char *name = string_value(o, "shape", error, size);
    if (!name) return NULL;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (strcmp(shapes[i].name, name) == 0) return &shapes[i];
    bad(error, size, "unknown shape '%s' for model " MODEL_ID
        " (spawn-join, brigade, brigade-pipe, brigade-mem, pingpong, yield, parked, parked-touch, parked-small-stack, stall)",
        name);
    return NULL;
}

static int check_identity(const struct json_object *o, const struct shape_info *s, char *error, size_t size)
{
    const char *metric = string_value(o, "metric", error, size);
    if (!metric) return -1;
    if (strcmp(metric, s->metric) != 0)
        return bad(error, size, "shape %s belongs to metric %s, not '%s'", s->name, s->metric, metric);
    const char *model = string_value(o, "model", error, size);
    if (!model) return -1;
    if (strcmp(model, MODEL_ID) != 0) return bad(error, size, "unknown model '%s' (this peer runs " MODEL_ID ")", model);
    return 0;
}

int spec_parse(const char *json, struct spec *out, char *error, size_t size)
{
    struct json_object o;
    char why[256];
    if (json_parse_flat(json, &o, why, sizeof why) != 0) return bad(error, size, "not a flat JSON object: %s", why);
    memset(out, 0, sizeof *out);
    const struct shape_info *s = NULL;
    int result = -1;
    if (check_protocol(&o, error, size) == 0 && (s = find_shape(&o, error, size)) != NULL
        && check_identity(&o, s, error, size) == 0 && check_keys(&o, s, error, size) == 0
        && check_values(&o, out, error, size) == 0) {
        out->shape = s->shape;
        out->shape_name = s->name;
        result = check_combinations(out, error, size);
    }
    json_free(&o);
    return result;
}
