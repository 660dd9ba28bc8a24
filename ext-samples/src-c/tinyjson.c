/*
 * tinyjson: a small JSON (RFC 8259) encoder and decoder.
 *
 *   dumps(obj) -> str   dict/list/tuple/str/int/float/bool/None to JSON text, formatted
 *                       exactly as json.dumps(obj, ensure_ascii=False) formats it
 *                       (", " and ": " separators, non-ASCII text written as is), except
 *                       that NaN and infinities are refused (ValueError), as JSON has none.
 *   loads(s) -> object  JSON text (a str) to dict/list/str/int/float/bool/None.
 *
 * Allocation-heavy by nature: every value of a document is a new object, so under a
 * moving collector every one of them moves while the others are being built.
 *
 * The text is produced and consumed in C buffers (malloc'd, so they do not move); the
 * objects are reached only through handles. Every function closes every handle it opens,
 * also on error paths.
 *
 * Behaviour worth knowing:
 * - ints of any size both ways. loads makes ints from -2**63 to 2**64-1 directly and
 *   builds larger ones from 18-digit chunks with HPy_Multiply and HPy_Add; dumps writes
 *   ints that fit in int64 itself and others through HPy_Repr. Floats are written by
 *   HPy_Repr (Python's shortest repr) and read by strtod (correctly rounded; 1e400
 *   becomes inf, as in json).
 * - \uXXXX escapes, surrogate pairs included, become one code point. A lone surrogate is
 *   refused (ValueError): a str made of UTF-8 cannot hold one. json accepts it.
 * - a string containing U+0000 is made through bytes and HPyUnicode_FromEncodedObject
 *   (HPyUnicode_FromString would stop at the NUL).
 * - dict keys must be str (TypeError otherwise); tuples are written as lists.
 * - errors in the text are ValueError("tinyjson.loads: <what> at line L, column C (char N)"),
 *   with N counted in characters from 0 as json does.
 * - nesting deeper than MAX_DEPTH (1000) levels is a ValueError both ways (so a cycle in
 *   dumps is one).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpy.h"

/* Containers nest at most this deep (the outermost is level 1). */
#define MAX_DEPTH 1000

/* ~~~ a growable byte buffer outside the moving heap ~~~ */

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static int buf_reserve(HPyContext *ctx, Buf *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra) {
        if (cap > SIZE_MAX / 2) {
            HPyErr_NoMemory(ctx);
            return -1;
        }
        cap *= 2;
    }
    char *data = realloc(b->data, cap);
    if (data == NULL) {
        HPyErr_NoMemory(ctx);
        return -1;
    }
    b->data = data;
    b->cap = cap;
    return 0;
}

static int buf_put(HPyContext *ctx, Buf *b, const char *s, size_t n)
{
    if (buf_reserve(ctx, b, n) < 0)
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

static int buf_putc(HPyContext *ctx, Buf *b, char c)
{
    if (buf_reserve(ctx, b, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    return 0;
}

static void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ~~~ dumps ~~~ */

/* Writes the text of a str object, quoted and escaped as json.dumps(ensure_ascii=False). */
static int dump_str(HPyContext *ctx, Buf *out, HPy str)
{
    static const char hex[] = "0123456789abcdef";
    HPy_ssize_t n;
    /* Valid while `str` is open: the caller keeps it open until we return. */
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, str, &n);
    if (s == NULL)
        return -1;
    /* Worst case: every byte becomes \u00XX. */
    if (buf_reserve(ctx, out, (size_t)n * 6 + 2) < 0)
        return -1;
    char *w = out->data + out->len;
    *w++ = '"';
    for (HPy_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *w++ = (char)c;
            continue;
        }
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    *w++ = '"';
    out->len = (size_t)(w - out->data);
    return 0;
}

/* Appends the text of the str `text` (a new handle, NULL on error) and closes it. */
static int put_text_and_close(HPyContext *ctx, Buf *out, HPy text)
{
    if (HPy_IsNull(text))
        return -1;
    HPy_ssize_t n;
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, text, &n);
    int res = s == NULL ? -1 : buf_put(ctx, out, s, (size_t)n);
    HPy_Close(ctx, text);
    return res;
}

static int dump_int(HPyContext *ctx, Buf *out, HPy obj)
{
    int64_t v = HPyLong_AsInt64_t(ctx, obj);
    if (v == -1 && HPyErr_Occurred(ctx)) {
        if (!HPyErr_ExceptionMatches(ctx, ctx->h_OverflowError))
            return -1;
        /* Does not fit in 64 bits: Python writes it. */
        HPyErr_Clear(ctx);
        return put_text_and_close(ctx, out, HPy_Repr(ctx, obj));
    }
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)v);
    return buf_put(ctx, out, digits, (size_t)len);
}

static int dump_float(HPyContext *ctx, Buf *out, HPy obj)
{
    double v = HPyFloat_AsDouble(ctx, obj);
    if (v == -1.0 && HPyErr_Occurred(ctx))
        return -1;
    if (!isfinite(v)) {
        HPyErr_SetString(ctx, ctx->h_ValueError,
                         "tinyjson.dumps: out of range float values (nan, inf) are not JSON compliant");
        return -1;
    }
    return put_text_and_close(ctx, out, HPy_Repr(ctx, obj));
}

/* Sets TypeError("tinyjson.dumps: <before>'T'<after>"), T being obj's type name. */
static void type_error(HPyContext *ctx, HPy obj, const char *before, const char *after)
{
    char msg[200];
    const char *name = "?";
    HPy type = HPy_Type(ctx, obj);
    HPy h_name = HPy_IsNull(type) ? HPy_NULL : HPy_GetAttr_s(ctx, type, "__name__");
    if (!HPy_IsNull(h_name)) {
        HPy_ssize_t n;
        /* Valid until h_name is closed, after the snprintf. */
        const char *s = HPyUnicode_AsUTF8AndSize(ctx, h_name, &n);
        if (s != NULL)
            name = s;
    }
    /* Whatever failed above is replaced by the TypeError. */
    HPyErr_Clear(ctx);
    snprintf(msg, sizeof msg, "tinyjson.dumps: %s'%.60s'%s", before, name, after);
    HPy_Close(ctx, h_name);
    HPy_Close(ctx, type);
    HPyErr_SetString(ctx, ctx->h_TypeError, msg);
}

static int dump(HPyContext *ctx, Buf *out, HPy obj, int depth);

/* A container at `depth` (0 for the outermost) may be written. */
static int check_depth(HPyContext *ctx, int depth)
{
    if (depth < MAX_DEPTH)
        return 0;
    HPyErr_SetString(ctx, ctx->h_ValueError,
                     "tinyjson.dumps: nesting deeper than 1000 levels (circular reference?)");
    return -1;
}

/* list or tuple */
static int dump_sequence(HPyContext *ctx, Buf *out, HPy seq, int depth)
{
    if (check_depth(ctx, depth) < 0)
        return -1;
    HPy_ssize_t n = HPy_Length(ctx, seq);
    if (n < 0)
        return -1;
    if (buf_putc(ctx, out, '[') < 0)
        return -1;
    for (HPy_ssize_t i = 0; i < n; i++) {
        if (i > 0 && buf_put(ctx, out, ", ", 2) < 0)
            return -1;
        HPy item = HPy_GetItem_i(ctx, seq, i);
        if (HPy_IsNull(item))
            return -1;
        int res = dump(ctx, out, item, depth + 1);
        HPy_Close(ctx, item);
        if (res < 0)
            return -1;
    }
    return buf_putc(ctx, out, ']');
}

static int dump_dict(HPyContext *ctx, Buf *out, HPy dict, int depth)
{
    if (check_depth(ctx, depth) < 0)
        return -1;
    HPy keys = HPyDict_Keys(ctx, dict);
    if (HPy_IsNull(keys))
        return -1;
    int res = -1;
    HPy_ssize_t n = HPy_Length(ctx, keys);
    if (n < 0 || buf_putc(ctx, out, '{') < 0)
        goto done;
    for (HPy_ssize_t i = 0; i < n; i++) {
        if (i > 0 && buf_put(ctx, out, ", ", 2) < 0)
            goto done;
        HPy key = HPy_GetItem_i(ctx, keys, i);
        if (HPy_IsNull(key))
            goto done;
        if (!HPyUnicode_Check(ctx, key)) {
            type_error(ctx, key, "dict keys must be str, not ", "");
            HPy_Close(ctx, key);
            goto done;
        }
        if (dump_str(ctx, out, key) < 0 || buf_put(ctx, out, ": ", 2) < 0) {
            HPy_Close(ctx, key);
            goto done;
        }
        HPy value = HPy_GetItem(ctx, dict, key);
        HPy_Close(ctx, key);
        if (HPy_IsNull(value))
            goto done;
        int r = dump(ctx, out, value, depth + 1);
        HPy_Close(ctx, value);
        if (r < 0)
            goto done;
    }
    res = buf_putc(ctx, out, '}');
done:
    HPy_Close(ctx, keys);
    return res;
}

static int dump(HPyContext *ctx, Buf *out, HPy obj, int depth)
{
    if (HPy_Is(ctx, obj, ctx->h_None))
        return buf_put(ctx, out, "null", 4);
    if (HPy_Is(ctx, obj, ctx->h_True))
        return buf_put(ctx, out, "true", 4);
    if (HPy_Is(ctx, obj, ctx->h_False))
        return buf_put(ctx, out, "false", 5);
    if (HPyUnicode_Check(ctx, obj))
        return dump_str(ctx, out, obj);
    if (HPy_TypeCheck(ctx, obj, ctx->h_LongType))
        return dump_int(ctx, out, obj);
    if (HPy_TypeCheck(ctx, obj, ctx->h_FloatType))
        return dump_float(ctx, out, obj);
    if (HPyList_Check(ctx, obj) || HPyTuple_Check(ctx, obj))
        return dump_sequence(ctx, out, obj, depth);
    if (HPyDict_Check(ctx, obj))
        return dump_dict(ctx, out, obj, depth);
    type_error(ctx, obj, "object of type ", " is not JSON serializable");
    return -1;
}

HPyDef_METH(dumps, "dumps", HPyFunc_O,
            .doc = "dumps(obj) -> str: obj as JSON text, formatted as "
                   "json.dumps(obj, ensure_ascii=False) does.")
static HPy dumps_impl(HPyContext *ctx, HPy self, HPy obj)
{
    Buf out = {NULL, 0, 0};
    HPy result = HPy_NULL;
    if (dump(ctx, &out, obj, 0) == 0 && buf_putc(ctx, &out, '\0') == 0)
        /* Every control character is escaped, so the text has no NUL before the end. */
        result = HPyUnicode_FromString(ctx, out.data);
    buf_free(&out);
    return result;
}

/* ~~~ loads ~~~ */

typedef struct {
    const char *start; /* the text, UTF-8 */
    const char *end;
    const char *p; /* the next byte to read */
    Buf scratch;   /* the current string or number, NUL-terminated */
} Parser;

/* Sets ValueError("tinyjson.loads: <what> at line L, column C (char N)") for position `at`. */
static void syntax_error(HPyContext *ctx, const Parser *ps, const char *at, const char *what)
{
    long chars = 0, line = 1, column = 1;
    for (const char *q = ps->start; q < at; q++) {
        if (((unsigned char)*q & 0xC0) == 0x80)
            continue; /* a UTF-8 continuation byte: not a new character */
        chars++;
        if (*q == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    char msg[200];
    snprintf(msg, sizeof msg, "tinyjson.loads: %s at line %ld, column %ld (char %ld)",
             what, line, column, chars);
    HPyErr_SetString(ctx, ctx->h_ValueError, msg);
}

static void skip_ws(Parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static HPy parse_value(HPyContext *ctx, Parser *ps, int depth);

/* Four hex digits at p, or -1. */
static long hex4(const Parser *ps, const char *p)
{
    if (ps->end - p < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static void put_utf8(char **w, long cp)
{
    char *o = *w;
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    *w = o;
}

/* A str from len bytes of UTF-8 in the scratch buffer (NUL-terminated there). */
static HPy make_str(HPyContext *ctx, Parser *ps, size_t len, int has_nul)
{
    if (!has_nul)
        return HPyUnicode_FromString(ctx, ps->scratch.data);
    HPy bytes = HPyBytes_FromStringAndSize(ctx, ps->scratch.data, (HPy_ssize_t)len);
    if (HPy_IsNull(bytes))
        return HPy_NULL;
    HPy str = HPyUnicode_FromEncodedObject(ctx, bytes, "utf-8", "strict");
    HPy_Close(ctx, bytes);
    return str;
}

/* At the opening quote. */
static HPy parse_string(HPyContext *ctx, Parser *ps)
{
    const char *quote = ps->p;
    const char *p = quote + 1;
    /* The decoded text is never longer than the escaped text. */
    const char *q = p;
    while (q < ps->end && *q != '"')
        q += *q == '\\' && q + 1 < ps->end ? 2 : 1;
    ps->scratch.len = 0;
    if (buf_reserve(ctx, &ps->scratch, (size_t)(q - p) + 1) < 0)
        return HPy_NULL;
    char *w = ps->scratch.data;
    int has_nul = 0;
    for (;;) {
        if (p >= ps->end) {
            syntax_error(ctx, ps, quote, "unterminated string");
            return HPy_NULL;
        }
        unsigned char c = (unsigned char)*p;
        if (c == '"')
            break;
        if (c < 0x20) {
            syntax_error(ctx, ps, p, "invalid control character in string");
            return HPy_NULL;
        }
        if (c != '\\') {
            *w++ = (char)c;
            p++;
            continue;
        }
        const char *esc = p;
        if (p + 1 >= ps->end) {
            syntax_error(ctx, ps, quote, "unterminated string");
            return HPy_NULL;
        }
        p += 2;
        switch (p[-1]) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            long cp = hex4(ps, p);
            if (cp < 0) {
                syntax_error(ctx, ps, esc, "invalid \\uXXXX escape");
                return HPy_NULL;
            }
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                /* A high surrogate: the low one must follow, the pair is one code point. */
                long low = p + 1 < ps->end && p[0] == '\\' && p[1] == 'u' ? hex4(ps, p + 2) : -1;
                if (low < 0xDC00 || low > 0xDFFF) {
                    syntax_error(ctx, ps, esc, "lone surrogate in \\uXXXX escape");
                    return HPy_NULL;
                }
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                syntax_error(ctx, ps, esc, "lone surrogate in \\uXXXX escape");
                return HPy_NULL;
            }
            if (cp == 0)
                has_nul = 1;
            /* At most 4 bytes for at least 6 bytes of escape. */
            put_utf8(&w, cp);
            break;
        }
        default:
            syntax_error(ctx, ps, esc, "invalid escape");
            return HPy_NULL;
        }
    }
    ps->p = p + 1;
    size_t len = (size_t)(w - ps->scratch.data);
    *w = '\0';
    return make_str(ctx, ps, len, has_nul);
}

static int is_digit(const Parser *ps, const char *p)
{
    return p < ps->end && *p >= '0' && *p <= '9';
}

/* An int from the decimal digits [digits, digits + n), negated if `neg`: 18-digit chunks
   folded in by acc * 10**18 + chunk. */
static HPy big_int(HPyContext *ctx, const char *digits, size_t n, int neg)
{
    size_t first = n % 18 ? n % 18 : 18;
    int64_t chunk = 0;
    for (size_t i = 0; i < first; i++)
        chunk = chunk * 10 + (digits[i] - '0');
    HPy acc = HPyLong_FromInt64_t(ctx, neg ? -chunk : chunk);
    HPy scale = HPyLong_FromInt64_t(ctx, INT64_C(1000000000000000000));
    if (HPy_IsNull(acc) || HPy_IsNull(scale))
        goto error;
    for (size_t pos = first; pos < n; pos += 18) {
        chunk = 0;
        for (size_t i = pos; i < pos + 18; i++)
            chunk = chunk * 10 + (digits[i] - '0');
        HPy shifted = HPy_Multiply(ctx, acc, scale);
        HPy_Close(ctx, acc);
        acc = HPy_NULL;
        if (HPy_IsNull(shifted))
            goto error;
        HPy low = HPyLong_FromInt64_t(ctx, neg ? -chunk : chunk);
        if (HPy_IsNull(low)) {
            HPy_Close(ctx, shifted);
            goto error;
        }
        acc = HPy_Add(ctx, shifted, low);
        HPy_Close(ctx, shifted);
        HPy_Close(ctx, low);
        if (HPy_IsNull(acc))
            goto error;
    }
    HPy_Close(ctx, scale);
    return acc;
error:
    HPy_Close(ctx, acc);
    HPy_Close(ctx, scale);
    return HPy_NULL;
}

/* At '-' or a digit. */
static HPy parse_number(HPyContext *ctx, Parser *ps)
{
    const char *start = ps->p;
    const char *p = start;
    int neg = *p == '-';
    if (neg)
        p++;
    const char *digits = p;
    if (!is_digit(ps, p)) {
        syntax_error(ctx, ps, start, "expected a value");
        return HPy_NULL;
    }
    if (*p == '0')
        p++;
    else
        while (is_digit(ps, p))
            p++;
    size_t ndigits = (size_t)(p - digits);
    int is_float = 0;
    if (p < ps->end && *p == '.') {
        is_float = 1;
        p++;
        if (!is_digit(ps, p)) {
            syntax_error(ctx, ps, p, "expected a digit after the decimal point");
            return HPy_NULL;
        }
        while (is_digit(ps, p))
            p++;
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        is_float = 1;
        p++;
        if (p < ps->end && (*p == '+' || *p == '-'))
            p++;
        if (!is_digit(ps, p)) {
            syntax_error(ctx, ps, p, "expected a digit in the exponent");
            return HPy_NULL;
        }
        while (is_digit(ps, p))
            p++;
    }
    ps->p = p;
    if (!is_float) {
        if (ndigits <= 19) {
            /* Up to 19 digits fit in uint64_t: -2**63 ... 2**64-1 need no arithmetic. */
            uint64_t v = 0;
            for (size_t i = 0; i < ndigits; i++)
                v = v * 10 + (uint64_t)(digits[i] - '0');
            if (!neg)
                return HPyLong_FromUInt64_t(ctx, v);
            if (v <= (uint64_t)INT64_MAX)
                return HPyLong_FromInt64_t(ctx, -(int64_t)v);
            if (v == (uint64_t)INT64_MAX + 1)
                return HPyLong_FromInt64_t(ctx, INT64_MIN);
        }
        return big_int(ctx, digits, ndigits, neg);
    }
    /* strtod needs a NUL-terminated copy; the grammar above is a subset of its syntax, so
       it reads the whole token. Correctly rounded; an overflow gives inf, as in json. */
    size_t len = (size_t)(p - start);
    ps->scratch.len = 0;
    if (buf_put(ctx, &ps->scratch, start, len) < 0 || buf_putc(ctx, &ps->scratch, '\0') < 0)
        return HPy_NULL;
    return HPyFloat_FromDouble(ctx, strtod(ps->scratch.data, NULL));
}

static HPy parse_literal(HPyContext *ctx, Parser *ps, const char *word, HPy value)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) {
        syntax_error(ctx, ps, ps->p, "expected a value");
        return HPy_NULL;
    }
    ps->p += n;
    return HPy_Dup(ctx, value);
}

/* At '['. */
static HPy parse_array(HPyContext *ctx, Parser *ps, int depth)
{
    ps->p++;
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return list;
    }
    for (;;) {
        HPy item = parse_value(ctx, ps, depth + 1);
        if (HPy_IsNull(item))
            goto error;
        int res = HPyList_Append(ctx, list, item);
        HPy_Close(ctx, item);
        if (res < 0)
            goto error;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == ']') {
            ps->p++;
            return list;
        }
        syntax_error(ctx, ps, ps->p, "expected ',' or ']'");
        goto error;
    }
error:
    HPy_Close(ctx, list);
    return HPy_NULL;
}

/* At '{'. */
static HPy parse_object(HPyContext *ctx, Parser *ps, int depth)
{
    ps->p++;
    HPy dict = HPyDict_New(ctx);
    if (HPy_IsNull(dict))
        return HPy_NULL;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return dict;
    }
    for (;;) {
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != '"') {
            syntax_error(ctx, ps, ps->p, "expected a string (an object key)");
            goto error;
        }
        HPy key = parse_string(ctx, ps);
        if (HPy_IsNull(key))
            goto error;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':') {
            HPy_Close(ctx, key);
            syntax_error(ctx, ps, ps->p, "expected ':'");
            goto error;
        }
        ps->p++;
        HPy value = parse_value(ctx, ps, depth + 1);
        if (HPy_IsNull(value)) {
            HPy_Close(ctx, key);
            goto error;
        }
        /* A repeated key: the last value wins, as in json. */
        int res = HPy_SetItem(ctx, dict, key, value);
        HPy_Close(ctx, key);
        HPy_Close(ctx, value);
        if (res < 0)
            goto error;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            return dict;
        }
        syntax_error(ctx, ps, ps->p, "expected ',' or '}'");
        goto error;
    }
error:
    HPy_Close(ctx, dict);
    return HPy_NULL;
}

static HPy parse_value(HPyContext *ctx, Parser *ps, int depth)
{
    skip_ws(ps);
    if (ps->p >= ps->end) {
        syntax_error(ctx, ps, ps->p, "expected a value");
        return HPy_NULL;
    }
    if (depth >= MAX_DEPTH && (*ps->p == '[' || *ps->p == '{')) {
        syntax_error(ctx, ps, ps->p, "nesting deeper than 1000 levels");
        return HPy_NULL;
    }
    switch (*ps->p) {
    case '{': return parse_object(ctx, ps, depth);
    case '[': return parse_array(ctx, ps, depth);
    case '"': return parse_string(ctx, ps);
    case 't': return parse_literal(ctx, ps, "true", ctx->h_True);
    case 'f': return parse_literal(ctx, ps, "false", ctx->h_False);
    case 'n': return parse_literal(ctx, ps, "null", ctx->h_None);
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
            return parse_number(ctx, ps);
        syntax_error(ctx, ps, ps->p, "expected a value");
        return HPy_NULL;
    }
}

HPyDef_METH(loads, "loads", HPyFunc_O,
            .doc = "loads(s) -> object: the value of the JSON text s (a str).")
static HPy loads_impl(HPyContext *ctx, HPy self, HPy text)
{
    if (!HPyUnicode_Check(ctx, text)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "tinyjson.loads: the JSON text must be a str");
        return HPy_NULL;
    }
    HPy_ssize_t n;
    /* Valid while `text` is open: it is our argument, open until we return. */
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, text, &n);
    if (s == NULL)
        return HPy_NULL;
    Parser ps = {s, s + n, s, {NULL, 0, 0}};
    HPy result = parse_value(ctx, &ps, 0);
    if (!HPy_IsNull(result)) {
        skip_ws(&ps);
        if (ps.p < ps.end) {
            syntax_error(ctx, &ps, ps.p, "extra data");
            HPy_Close(ctx, result);
            result = HPy_NULL;
        }
    }
    buf_free(&ps.scratch);
    return result;
}

static HPyDef *module_defines[] = {&dumps, &loads, NULL};

static HPyModuleDef moduledef = {
    .doc = "A small JSON encoder and decoder: dumps(obj) -> str, loads(s) -> object.",
    .defines = module_defines,
};

HPy_MODINIT(tinyjson, moduledef)
