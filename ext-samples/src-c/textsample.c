/*
 * textsample: str and bytes from C, where a host that moves objects can get them
 * wrong: raw pointers (HPyUnicode_AsUTF8AndSize, HPyBytes_AsString,
 * HPyBytes_AS_STRING) kept across many later API calls, wchar_t round trips,
 * the decoders with an `errors` argument, HPyUnicode_FromEncodedObject and
 * HPyUnicode_Substring.
 *
 * Every function closes every handle it opens, also on error paths.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hpy.h"

/* Allocates and drops a few objects and calls the API on `keep`: under a
   host that collects at every call, everything moves each time. */
static int churn(HPyContext *ctx, HPy keep, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        HPy a = HPyUnicode_FromString(ctx, "churn \xc3\xa9");
        if (HPy_IsNull(a))
            return -1;
        HPy b = HPyBytes_FromStringAndSize(ctx, "x\0y", 3);
        HPy r = HPy_Repr(ctx, keep);
        HPy_Close(ctx, a);
        if (HPy_IsNull(b) || HPy_IsNull(r)) {
            HPy_Close(ctx, b);
            HPy_Close(ctx, r);
            return -1;
        }
        HPy_Close(ctx, b);
        HPy_Close(ctx, r);
    }
    return 0;
}

static HPy stable_failure(HPyContext *ctx, const char *what)
{
    HPyErr_SetString(ctx, ctx->h_AssertionError, what);
    return HPy_NULL;
}

HPyDef_METH(utf8_pointer_stable, "utf8_pointer_stable", HPyFunc_O,
            .doc = "Keep HPyUnicode_AsUTF8AndSize's pointer across 20 rounds of API calls; "
                   "return the text read through it at the end as bytes.")
static HPy utf8_pointer_stable_impl(HPyContext *ctx, HPy self, HPy s)
{
    HPy_ssize_t n;
    const char *p = HPyUnicode_AsUTF8AndSize(ctx, s, &n);
    if (p == NULL)
        return HPy_NULL;
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        HPyErr_NoMemory(ctx);
        return HPy_NULL;
    }
    memcpy(copy, p, n + 1);
    for (int round = 0; round < 20; round++) {
        if (churn(ctx, s, 1) < 0) {
            free(copy);
            return HPy_NULL;
        }
        HPy_ssize_t n2;
        const char *again = HPyUnicode_AsUTF8AndSize(ctx, s, &n2);
        if (again != p || n2 != n || memcmp(p, copy, n + 1) != 0) {
            free(copy);
            return stable_failure(ctx, "AsUTF8AndSize pointer changed or its text did");
        }
    }
    free(copy);
    return HPyBytes_FromStringAndSize(ctx, p, n);
}

HPyDef_METH(bytes_pointer_stable, "bytes_pointer_stable", HPyFunc_O,
            .doc = "Same with HPyBytes_AsString and HPyBytes_AS_STRING; return a copy.")
static HPy bytes_pointer_stable_impl(HPyContext *ctx, HPy self, HPy b)
{
    const char *p = HPyBytes_AsString(ctx, b);
    if (p == NULL)
        return HPy_NULL;
    HPy_ssize_t n = HPyBytes_Size(ctx, b);
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        HPyErr_NoMemory(ctx);
        return HPy_NULL;
    }
    memcpy(copy, p, n + 1);
    for (int round = 0; round < 20; round++) {
        if (churn(ctx, b, 1) < 0) {
            free(copy);
            return HPy_NULL;
        }
        if (HPyBytes_AS_STRING(ctx, b) != p || HPyBytes_GET_SIZE(ctx, b) != n ||
            memcmp(p, copy, n + 1) != 0) {
            free(copy);
            return stable_failure(ctx, "bytes pointer changed or its data did");
        }
    }
    free(copy);
    return HPyBytes_FromStringAndSize(ctx, p, n);
}

HPyDef_METH(wide_roundtrip, "wide_roundtrip", HPyFunc_O,
            .doc = "Read every character with HPyUnicode_ReadChar into a wchar_t array, "
                   "rebuild with HPyUnicode_FromWideChar (explicit size, and -1 when "
                   "there is no NUL); return (sized, terminated or None).")
static HPy wide_roundtrip_impl(HPyContext *ctx, HPy self, HPy s)
{
    HPy_ssize_t n = HPy_Length(ctx, s);
    if (n < 0)
        return HPy_NULL;
    wchar_t *w = malloc((n + 1) * sizeof(wchar_t));
    if (w == NULL) {
        HPyErr_NoMemory(ctx);
        return HPy_NULL;
    }
    int has_nul = 0;
    for (HPy_ssize_t i = 0; i < n; i++) {
        HPy_UCS4 c = HPyUnicode_ReadChar(ctx, s, i);
        if (c == (HPy_UCS4)-1 && HPyErr_Occurred(ctx)) {
            free(w);
            return HPy_NULL;
        }
        w[i] = (wchar_t)c;
        has_nul |= c == 0;
    }
    w[n] = 0;
    HPy sized = HPyUnicode_FromWideChar(ctx, w, n);
    HPy terminated = has_nul ? HPy_Dup(ctx, ctx->h_None) : HPyUnicode_FromWideChar(ctx, w, -1);
    free(w);
    HPy res = HPy_NULL;
    if (!HPy_IsNull(sized) && !HPy_IsNull(terminated))
        res = HPyTuple_Pack(ctx, 2, sized, terminated);
    HPy_Close(ctx, sized);
    HPy_Close(ctx, terminated);
    return res;
}

/* `errors` argument from an optional str (None: NULL). The pointer belongs
   to the argument's handle and stays valid during the call. */
static int errors_arg(HPyContext *ctx, HPy h, const char **out)
{
    *out = NULL;
    if (HPy_Is(ctx, h, ctx->h_None))
        return 0;
    *out = HPyUnicode_AsUTF8AndSize(ctx, h, NULL);
    return *out == NULL ? -1 : 0;
}

HPyDef_METH(decode_ascii, "decode_ascii", HPyFunc_VARARGS,
            .doc = "decode_ascii(data: bytes, errors: str | None): HPyUnicode_DecodeASCII.")
static HPy decode_ascii_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy data, h_errors;
    const char *errors;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO:decode_ascii", &data, &h_errors))
        return HPy_NULL;
    const char *p = HPyBytes_AsString(ctx, data);
    if (p == NULL || errors_arg(ctx, h_errors, &errors) < 0)
        return HPy_NULL;
    return HPyUnicode_DecodeASCII(ctx, p, HPyBytes_Size(ctx, data), errors);
}

HPyDef_METH(decode_latin1, "decode_latin1", HPyFunc_O,
            .doc = "HPyUnicode_DecodeLatin1 of a bytes.")
static HPy decode_latin1_impl(HPyContext *ctx, HPy self, HPy data)
{
    const char *p = HPyBytes_AsString(ctx, data);
    if (p == NULL)
        return HPy_NULL;
    return HPyUnicode_DecodeLatin1(ctx, p, HPyBytes_Size(ctx, data), "strict");
}

HPyDef_METH(decode, "decode", HPyFunc_VARARGS,
            .doc = "decode(obj, encoding: str | None, errors: str | None): "
                   "HPyUnicode_FromEncodedObject.")
static HPy decode_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy obj, h_encoding, h_errors;
    const char *encoding, *errors;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOO:decode", &obj, &h_encoding, &h_errors))
        return HPy_NULL;
    if (errors_arg(ctx, h_encoding, &encoding) < 0 || errors_arg(ctx, h_errors, &errors) < 0)
        return HPy_NULL;
    return HPyUnicode_FromEncodedObject(ctx, obj, encoding, errors);
}

HPyDef_METH(fs_roundtrip, "fs_roundtrip", HPyFunc_O,
            .doc = "HPyUnicode_EncodeFSDefault, then HPyUnicode_DecodeFSDefaultAndSize "
                   "and (when there is no NUL) HPyUnicode_DecodeFSDefault of the result.")
static HPy fs_roundtrip_impl(HPyContext *ctx, HPy self, HPy s)
{
    HPy b = HPyUnicode_EncodeFSDefault(ctx, s);
    if (HPy_IsNull(b))
        return HPy_NULL;
    const char *p = HPyBytes_AsString(ctx, b);
    HPy_ssize_t n = HPyBytes_Size(ctx, b);
    HPy sized = HPyUnicode_DecodeFSDefaultAndSize(ctx, p, n);
    HPy res = HPy_NULL;
    if (!HPy_IsNull(sized)) {
        if (memchr(p, 0, n) == NULL) {
            HPy plain = HPyUnicode_DecodeFSDefault(ctx, p);
            if (!HPy_IsNull(plain)) {
                int same = HPy_RichCompareBool(ctx, plain, sized, HPy_EQ);
                HPy_Close(ctx, plain);
                if (same == 1)
                    res = HPy_Dup(ctx, sized);
                else if (same == 0)
                    stable_failure(ctx, "DecodeFSDefault and ...AndSize disagree");
            }
        } else {
            res = HPy_Dup(ctx, sized);
        }
    }
    HPy_Close(ctx, sized);
    HPy_Close(ctx, b);
    return res;
}

HPyDef_METH(substring, "substring", HPyFunc_VARARGS,
            .doc = "substring(s, start, end): HPyUnicode_Substring.")
static HPy substring_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy s;
    HPy_ssize_t start, end;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Onn:substring", &s, &start, &end))
        return HPy_NULL;
    return HPyUnicode_Substring(ctx, s, start, end);
}

HPyDef_METH(encode, "encode", HPyFunc_VARARGS,
            .doc = "encode(s, 'ascii' | 'latin-1' | 'utf-8'): HPyUnicode_As*String.")
static HPy encode_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy s;
    const char *which;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Os:encode", &s, &which))
        return HPy_NULL;
    if (strcmp(which, "ascii") == 0)
        return HPyUnicode_AsASCIIString(ctx, s);
    if (strcmp(which, "latin-1") == 0)
        return HPyUnicode_AsLatin1String(ctx, s);
    return HPyUnicode_AsUTF8String(ctx, s);
}

static HPyDef *module_defines[] = {
    &utf8_pointer_stable, &bytes_pointer_stable, &wide_roundtrip, &decode_ascii,
    &decode_latin1, &decode, &fs_roundtrip, &substring, &encode,
    NULL
};

static HPyModuleDef moduledef = {
    .doc = "Sample HPy extension: str and bytes from C under a moving GC.",
    .defines = module_defines,
};

HPy_MODINIT(textsample, moduledef)
