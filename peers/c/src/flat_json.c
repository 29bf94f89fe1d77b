/*
 * A hand-written parser of one flat JSON object (RFC 8259 grammar, restricted): the scenario spec of
 * peers/PROTOCOL.md is always `{"key": scalar, ...}`, so objects and arrays as values are refused rather
 * than skipped, and so are duplicate keys (the spec would be ambiguous) and anything after the closing brace.
 */
#include "flat_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor {
    const char *at;
    char *error;
    size_t error_size;
};

static int fail(struct cursor *c, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(c->error, c->error_size, format, args);
    va_end(args);
    return -1;
}

static void skip_space(struct cursor *c)
{
    while (*c->at == ' ' || *c->at == '\t' || *c->at == '\n' || *c->at == '\r') c->at++;
}

static int hex_value(char h)
{
    if (h >= '0' && h <= '9') return h - '0';
    if (h >= 'a' && h <= 'f') return h - 'a' + 10;
    if (h >= 'A' && h <= 'F') return h - 'A' + 10;
    return -1;
}

/* Appends code point `cp` as UTF-8. */
static char *put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) { *out++ = (char)cp; }
    else if (cp < 0x800) { *out++ = (char)(0xC0 | (cp >> 6)); *out++ = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        *out++ = (char)(0xE0 | (cp >> 12)); *out++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *out++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *out++ = (char)(0xF0 | (cp >> 18)); *out++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *out++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *out++ = (char)(0x80 | (cp & 0x3F));
    }
    return out;
}

static int read_hex4(struct cursor *c, unsigned *value)
{
    *value = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(c->at[i]);
        if (h < 0) return fail(c, "bad \\u escape in a string");
        *value = (*value << 4) | (unsigned)h;
    }
    c->at += 4;
    return 0;
}

/* A string starting at the opening quote; the decoded text is malloc'd into *out. */
static int parse_string(struct cursor *c, char **out)
{
    c->at++; /* the opening quote */
    const char *end = c->at;
    while (*end && *end != '"') end += (*end == '\\' && end[1]) ? 2 : 1;
    if (*end != '"') return fail(c, "a string is not closed");
    char *text = malloc((size_t)(end - c->at) * 2 + 1), *w = text; /* a \uXXXX escape never grows */
    if (!text) return fail(c, "out of memory");
    while (c->at < end) {
        unsigned char ch = (unsigned char)*c->at++;
        if (ch < 0x20) { free(text); return fail(c, "a control character inside a string"); }
        if (ch != '\\') { *w++ = (char)ch; continue; }
        char e = *c->at++;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp;
            if (read_hex4(c, &cp) != 0) { free(text); return -1; }
            if (cp >= 0xD800 && cp < 0xDC00 && c->at[0] == '\\' && c->at[1] == 'u') {
                unsigned low;
                c->at += 2;
                if (read_hex4(c, &low) != 0) { free(text); return -1; }
                if (low < 0xDC00 || low > 0xDFFF) { free(text); return fail(c, "a broken surrogate pair in a string"); }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                free(text);
                return fail(c, "a lone surrogate in a string");
            }
            if (cp == 0) { free(text); return fail(c, "a NUL character inside a string"); }
            w = put_utf8(w, cp);
            break;
        }
        default:
            free(text);
            return fail(c, "bad escape '\\%c' in a string", e ? e : '0');
        }
    }
    *w = '\0';
    c->at = end + 1;
    *out = text;
    return 0;
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; the text is kept as written. */
static int parse_number(struct cursor *c, char **out)
{
    const char *start = c->at, *p = c->at;
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (is_digit(*p)) while (is_digit(*p)) p++;
    else return fail(c, "a malformed number");
    if (*p == '.') {
        p++;
        if (!is_digit(*p)) return fail(c, "a malformed number");
        while (is_digit(*p)) p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!is_digit(*p)) return fail(c, "a malformed number");
        while (is_digit(*p)) p++;
    }
    *out = strndup(start, (size_t)(p - start));
    if (!*out) return fail(c, "out of memory");
    c->at = p;
    return 0;
}

static int parse_literal(struct cursor *c, struct json_member *m)
{
    static const struct { const char *word; enum json_kind kind; } literals[] = {
        { "true", JSON_BOOL }, { "false", JSON_BOOL }, { "null", JSON_NULL },
    };
    for (size_t i = 0; i < sizeof literals / sizeof literals[0]; i++) {
        size_t n = strlen(literals[i].word);
        if (strncmp(c->at, literals[i].word, n) == 0) {
            m->kind = literals[i].kind;
            m->text = strdup(literals[i].word);
            c->at += n;
            return m->text ? 0 : fail(c, "out of memory");
        }
    }
    return fail(c, "a value that is not JSON near '%.12s'", c->at);
}

static int parse_value(struct cursor *c, struct json_member *m)
{
    switch (*c->at) {
    case '"': m->kind = JSON_STRING; return parse_string(c, &m->text);
    case '{': case '[': return fail(c, "'%s' holds a nested value; the spec is one flat object", m->key);
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        m->kind = JSON_NUMBER;
        return parse_number(c, &m->text);
    case '\0': return fail(c, "the object ends after '%s':", m->key);
    default: return parse_literal(c, m);
    }
}

static int add_member(struct json_object *object, struct json_member member)
{
    struct json_member *grown = realloc(object->members, (object->count + 1) * sizeof *grown);
    if (!grown) return -1;
    object->members = grown;
    object->members[object->count++] = member;
    return 0;
}

static int parse_members(struct cursor *c, struct json_object *out)
{
    skip_space(c);
    if (*c->at == '}') { c->at++; return 0; }
    while (1) {
        struct json_member m = { 0 };
        skip_space(c);
        if (*c->at != '"') return fail(c, "expected a quoted key near '%.12s'", c->at);
        if (parse_string(c, &m.key) != 0) return -1;
        if (json_find(out, m.key)) { int r = fail(c, "key '%s' appears twice", m.key); free(m.key); return r; }
        skip_space(c);
        if (*c->at != ':') { int r = fail(c, "expected ':' after key '%s'", m.key); free(m.key); return r; }
        c->at++;
        skip_space(c);
        if (parse_value(c, &m) != 0) { free(m.key); free(m.text); return -1; }
        if (add_member(out, m) != 0) { free(m.key); free(m.text); return fail(c, "out of memory"); }
        skip_space(c);
        if (*c->at == ',') { c->at++; continue; }
        if (*c->at == '}') { c->at++; return 0; }
        return fail(c, "expected ',' or '}' after '%s'", m.key);
    }
}

int json_parse_flat(const char *input, struct json_object *out, char *error, size_t error_size)
{
    struct cursor c = { input, error, error_size };
    out->members = NULL;
    out->count = 0;
    skip_space(&c);
    if (*c.at != '{') return fail(&c, "not a JSON object");
    c.at++;
    if (parse_members(&c, out) != 0) { json_free(out); return -1; }
    skip_space(&c);
    if (*c.at != '\0') { json_free(out); return fail(&c, "text after the object: '%.12s'", c.at); }
    return 0;
}

const struct json_member *json_find(const struct json_object *object, const char *key)
{
    for (size_t i = 0; i < object->count; i++)
        if (strcmp(object->members[i].key, key) == 0) return &object->members[i];
    return NULL;
}

void json_free(struct json_object *object)
{
    for (size_t i = 0; i < object->count; i++) {
        free(object->members[i].key);
        free(object->members[i].text);
    }
    free(object->members);
    object->members = NULL;
    object->count = 0;
}
