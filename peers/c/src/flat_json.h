/* A parser of one flat JSON object: string keys mapping to strings, numbers, true, false or null, no nesting. */
#ifndef FLAT_JSON_H
#define FLAT_JSON_H

#include <stddef.h>

enum json_kind { JSON_STRING, JSON_NUMBER, JSON_BOOL, JSON_NULL };

/* One member of the object. `text` is the decoded string, the number as written, or "true"/"false"/"null". */
struct json_member {
    char *key;
    enum json_kind kind;
    char *text;
};

struct json_object {
    struct json_member *members;
    size_t count;
};

/* Parses `input` as one flat object (duplicate keys, nested values and trailing text are errors).
 * Returns 0 and fills `out`, or -1 and writes one line of what is wrong into `error`. */
int json_parse_flat(const char *input, struct json_object *out, char *error, size_t error_size);

/* The member named `key`, or NULL. */
const struct json_member *json_find(const struct json_object *object, const char *key);

void json_free(struct json_object *object);

#endif
