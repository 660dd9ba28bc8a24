/*
 * basics: what a minimal HPy host must support.
 *
 * The four call signatures, argument parsing (HPyArg_Parse and
 * HPyArg_ParseKeywords), HPy_BuildValue, a constructor and an accessor for
 * every basic type, errors, handle duplication and closing, an HPyGlobal and
 * module attributes set by two HPy_mod_exec slots (which must run in order).
 *
 * Every function closes every handle it opens, also on error paths, so the
 * module stays clean under a checking (debug) host.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "hpy.h"

/* The object `get_global` returns; set by mod_exec, replaced by `set_global`. */
static HPyGlobal g_shared;

/* Appends `item` to `list` and closes `item`. A null `item` means the call
   that produced it failed, so its exception is passed on. */
static int append_and_close(HPyContext *ctx, HPy list, HPy item)
{
    if (HPy_IsNull(item))
        return -1;
    int res = HPyList_Append(ctx, list, item);
    HPy_Close(ctx, item);
    return res;
}

/* ~~~ HPyFunc_NOARGS: one constructor per basic type ~~~ */

HPyDef_METH(get_none, "get_none", HPyFunc_NOARGS,
            .doc = "Return None.")
static HPy get_none_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(get_true, "get_true", HPyFunc_NOARGS,
            .doc = "Return True, made by HPyBool_FromLong.")
static HPy get_true_impl(HPyContext *ctx, HPy self)
{
    return HPyBool_FromLong(ctx, 1);
}

HPyDef_METH(get_false, "get_false", HPyFunc_NOARGS,
            .doc = "Return False, duplicated from the context constant.")
static HPy get_false_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_False);
}

HPyDef_METH(get_small_int, "get_small_int", HPyFunc_NOARGS,
            .doc = "Return the int 42.")
static HPy get_small_int_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 42);
}

HPyDef_METH(get_big_int, "get_big_int", HPyFunc_NOARGS,
            .doc = "Return 2**64 - 1, an int that does not fit in int64.")
static HPy get_big_int_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromUnsignedLongLong(ctx, UINT64_MAX);
}

HPyDef_METH(get_min_int64, "get_min_int64", HPyFunc_NOARGS,
            .doc = "Return -2**63, the smallest int64.")
static HPy get_min_int64_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromInt64_t(ctx, INT64_MIN);
}

HPyDef_METH(get_float, "get_float", HPyFunc_NOARGS,
            .doc = "Return the float 3.25.")
static HPy get_float_impl(HPyContext *ctx, HPy self)
{
    return HPyFloat_FromDouble(ctx, 3.25);
}

HPyDef_METH(get_str, "get_str", HPyFunc_NOARGS,
            .doc = "Return a str with 2-, 3- and 4-byte UTF-8 characters.")
static HPy get_str_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xf0\x9f\x90\x8d");
}

HPyDef_METH(get_bytes, "get_bytes", HPyFunc_NOARGS,
            .doc = "Return b'ab\\x00cd': bytes with an embedded NUL.")
static HPy get_bytes_impl(HPyContext *ctx, HPy self)
{
    return HPyBytes_FromStringAndSize(ctx, "ab\0cd", 5);
}

HPyDef_METH(get_tuple, "get_tuple", HPyFunc_NOARGS,
            .doc = "Return (1, 'two', 3.5, None), built by HPy_BuildValue.")
static HPy get_tuple_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(isdO)", 1, "two", 3.5, ctx->h_None);
}

HPyDef_METH(get_list, "get_list", HPyFunc_NOARGS,
            .doc = "Return [1, 'x', 2.5], built by HPyList_New and HPyList_Append.")
static HPy get_list_impl(HPyContext *ctx, HPy self)
{
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    if (append_and_close(ctx, list, HPyLong_FromLong(ctx, 1)) < 0 ||
        append_and_close(ctx, list, HPyUnicode_FromString(ctx, "x")) < 0 ||
        append_and_close(ctx, list, HPyFloat_FromDouble(ctx, 2.5)) < 0) {
        HPy_Close(ctx, list);
        return HPy_NULL;
    }
    return list;
}

HPyDef_METH(get_dict, "get_dict", HPyFunc_NOARGS,
            .doc = "Return {'a': 1, 'b': [2, 3]}, built by HPyDict_New and item assignment.")
static HPy get_dict_impl(HPyContext *ctx, HPy self)
{
    HPy dict = HPyDict_New(ctx);
    if (HPy_IsNull(dict))
        return HPy_NULL;
    /* One entry through the C-string key helper, one through a key object. */
    HPy one = HPyLong_FromLong(ctx, 1);
    if (HPy_IsNull(one))
        goto error;
    int res = HPy_SetItem_s(ctx, dict, "a", one);
    HPy_Close(ctx, one);
    if (res < 0)
        goto error;
    HPy key = HPyUnicode_FromString(ctx, "b");
    if (HPy_IsNull(key))
        goto error;
    HPy value = HPy_BuildValue(ctx, "[ii]", 2, 3);
    if (HPy_IsNull(value)) {
        HPy_Close(ctx, key);
        goto error;
    }
    res = HPy_SetItem(ctx, dict, key, value);
    HPy_Close(ctx, key);
    HPy_Close(ctx, value);
    if (res < 0)
        goto error;
    return dict;
error:
    HPy_Close(ctx, dict);
    return HPy_NULL;
}

HPyDef_METH(build_nested, "build_nested", HPyFunc_NOARGS,
            .doc = "Return a dict of nested containers built by one HPy_BuildValue call.")
static HPy build_nested_impl(HPyContext *ctx, HPy self)
{
    /* "O" does not steal: the handle is ours to close afterwards. The 0.9
       helper rejects spaces inside [...], so there are none there. */
    HPy extra = HPyUnicode_FromString(ctx, "extra");
    if (HPy_IsNull(extra))
        return HPy_NULL;
    HPy result = HPy_BuildValue(ctx, "{s:i, s:[d,s], s:(lL), s:O, s:()}",
                                "int", -7,
                                "list", 0.5, "\xc3\x9f",
                                "longs", 123456789L, -1099511627776LL,
                                "object", extra,
                                "empty");
    HPy_Close(ctx, extra);
    return result;
}

/* ~~~ HPyFunc_O: accessors ~~~ */

/* ctx->h_Builtins is the builtins dict (CPython's PyEval_GetBuiltins()). */
HPyDef_METH(builtin, "builtin", HPyFunc_O,
            .doc = "builtin(name): the builtin of that name, through ctx->h_Builtins")
static HPy builtin_impl(HPyContext *ctx, HPy self, HPy name)
{
    if (!HPyDict_Check(ctx, ctx->h_Builtins)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "h_Builtins is not a dict");
        return HPy_NULL;
    }
    return HPy_GetItem(ctx, ctx->h_Builtins, name);
}

HPyDef_METH(identity, "identity", HPyFunc_O,
            .doc = "Return the argument itself (a duplicated handle).")
static HPy identity_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Dup(ctx, arg);
}

HPyDef_METH(type_of, "type_of", HPyFunc_O,
            .doc = "Return type(x), by HPy_Type.")
static HPy type_of_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Type(ctx, arg);
}

HPyDef_METH(kind_of, "kind_of", HPyFunc_O,
            .doc = "Return the name of x's basic kind, found by the HPy*_Check functions.")
static HPy kind_of_impl(HPyContext *ctx, HPy self, HPy arg)
{
    const char *kind = "other";
    /* bool before int: a bool also passes the int check. */
    if (HPy_Is(ctx, arg, ctx->h_None))
        kind = "none";
    else if (HPy_TypeCheck(ctx, arg, ctx->h_BoolType))
        kind = "bool";
    else if (HPy_TypeCheck(ctx, arg, ctx->h_LongType))
        kind = "int";
    else if (HPy_TypeCheck(ctx, arg, ctx->h_FloatType))
        kind = "float";
    else if (HPyUnicode_Check(ctx, arg))
        kind = "str";
    else if (HPyBytes_Check(ctx, arg))
        kind = "bytes";
    else if (HPyTuple_Check(ctx, arg))
        kind = "tuple";
    else if (HPyList_Check(ctx, arg))
        kind = "list";
    else if (HPyDict_Check(ctx, arg))
        kind = "dict";
    return HPyUnicode_FromString(ctx, kind);
}

HPyDef_METH(is_true, "is_true", HPyFunc_O,
            .doc = "Return bool(x), by HPy_IsTrue.")
static HPy is_true_impl(HPyContext *ctx, HPy self, HPy arg)
{
    int truth = HPy_IsTrue(ctx, arg);
    if (truth < 0)
        return HPy_NULL;
    return HPyBool_FromLong(ctx, truth);
}

HPyDef_METH(int_plus_one, "int_plus_one", HPyFunc_O,
            .doc = "Return x + 1 for an int x that fits in a C long.")
static HPy int_plus_one_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long value = HPyLong_AsLong(ctx, arg);
    /* -1 is also a valid value: only the pending exception tells an error. */
    if (value == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    if (value == LONG_MAX) {
        HPyErr_SetString(ctx, ctx->h_OverflowError, "int_plus_one: result does not fit in a C long");
        return HPy_NULL;
    }
    return HPyLong_FromLong(ctx, value + 1);
}

HPyDef_METH(float_half, "float_half", HPyFunc_O,
            .doc = "Return x / 2 as a float; x may be a float or an int.")
static HPy float_half_impl(HPyContext *ctx, HPy self, HPy arg)
{
    double value = HPyFloat_AsDouble(ctx, arg);
    if (value == -1.0 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    return HPyFloat_FromDouble(ctx, value / 2.0);
}

HPyDef_METH(str_echo, "str_echo", HPyFunc_O,
            .doc = "Return (a copy of str s made from its UTF-8 buffer, the buffer's length in bytes).")
static HPy str_echo_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy_ssize_t size;
    const char *utf8 = HPyUnicode_AsUTF8AndSize(ctx, arg, &size);
    if (utf8 == NULL)
        return HPy_NULL;
    /* The buffer is used after further API calls: it must stay valid while
       the handle `arg` is open, wherever the str object itself goes. */
    HPy copy = HPyUnicode_FromString(ctx, utf8);
    if (HPy_IsNull(copy))
        return HPy_NULL;
    HPy result = HPy_BuildValue(ctx, "(On)", copy, size);
    HPy_Close(ctx, copy);
    return result;
}

HPyDef_METH(bytes_summary, "bytes_summary", HPyFunc_O,
            .doc = "Return (len(b), number of NUL bytes in b, b reversed) for bytes b.")
static HPy bytes_summary_impl(HPyContext *ctx, HPy self, HPy arg)
{
    if (!HPyBytes_Check(ctx, arg)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "bytes_summary: expected bytes");
        return HPy_NULL;
    }
    HPy_ssize_t size = HPyBytes_Size(ctx, arg);
    const char *data = HPyBytes_AsString(ctx, arg);
    if (size < 0 || data == NULL)
        return HPy_NULL;
    char small[64];
    char *reversed = size <= (HPy_ssize_t)sizeof(small) ? small : malloc((size_t)size);
    if (reversed == NULL)
        return HPyErr_NoMemory(ctx);
    HPy_ssize_t nuls = 0;
    for (HPy_ssize_t i = 0; i < size; i++) {
        if (data[i] == '\0')
            nuls++;
        reversed[size - 1 - i] = data[i];
    }
    HPy rev = HPyBytes_FromStringAndSize(ctx, reversed, size);
    if (reversed != small)
        free(reversed);
    if (HPy_IsNull(rev))
        return HPy_NULL;
    HPy result = HPy_BuildValue(ctx, "(nnO)", size, nuls, rev);
    HPy_Close(ctx, rev);
    return result;
}

HPyDef_METH(sum_sequence, "sum_sequence", HPyFunc_O,
            .doc = "Return the sum of a tuple or list of ints, read by HPy_Length and HPy_GetItem_i.")
static HPy sum_sequence_impl(HPyContext *ctx, HPy self, HPy arg)
{
    if (!HPyTuple_Check(ctx, arg) && !HPyList_Check(ctx, arg)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "sum_sequence: expected a tuple or a list");
        return HPy_NULL;
    }
    HPy_ssize_t n = HPy_Length(ctx, arg);
    if (n < 0)
        return HPy_NULL;
    long long total = 0;
    for (HPy_ssize_t i = 0; i < n; i++) {
        HPy item = HPy_GetItem_i(ctx, arg, i);
        if (HPy_IsNull(item))
            return HPy_NULL;
        long long value = HPyLong_AsLongLong(ctx, item);
        HPy_Close(ctx, item);
        if (value == -1 && HPyErr_Occurred(ctx))
            return HPy_NULL;
        total += value;
    }
    return HPyLong_FromLongLong(ctx, total);
}

HPyDef_METH(reversed_list, "reversed_list", HPyFunc_O,
            .doc = "Return a new list with the items of a tuple or list in reverse order.")
static HPy reversed_list_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy_ssize_t n = HPy_Length(ctx, arg);
    if (n < 0)
        return HPy_NULL;
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    for (HPy_ssize_t i = n - 1; i >= 0; i--) {
        if (append_and_close(ctx, list, HPy_GetItem_i(ctx, arg, i)) < 0) {
            HPy_Close(ctx, list);
            return HPy_NULL;
        }
    }
    return list;
}

HPyDef_METH(swallow_type_error, "swallow_type_error", HPyFunc_O,
            .doc = "Return int(x) for an int x; for anything else, clear the TypeError and return None.")
static HPy swallow_type_error_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long value = HPyLong_AsLong(ctx, arg);
    if (value == -1 && HPyErr_Occurred(ctx)) {
        /* Only the expected error is swallowed; OverflowError passes. */
        if (!HPyErr_ExceptionMatches(ctx, ctx->h_TypeError))
            return HPy_NULL;
        HPyErr_Clear(ctx);
        return HPy_Dup(ctx, ctx->h_None);
    }
    return HPyLong_FromLong(ctx, value);
}

HPyDef_METH(dup_and_close, "dup_and_close", HPyFunc_O,
            .doc = "Duplicate the argument's handle three times, close two, return the third.")
static HPy dup_and_close_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy a = HPy_Dup(ctx, arg);
    HPy b = HPy_Dup(ctx, a);
    HPy c = HPy_Dup(ctx, b);
    /* Different handles, one object. */
    int same = HPy_Is(ctx, a, arg) && HPy_Is(ctx, b, arg) && HPy_Is(ctx, c, arg);
    HPy_Close(ctx, a);
    HPy_Close(ctx, b);
    if (!same) {
        HPy_Close(ctx, c);
        HPyErr_SetString(ctx, ctx->h_SystemError, "dup_and_close: HPy_Dup changed the object");
        return HPy_NULL;
    }
    return c;
}

HPyDef_METH(set_global, "set_global", HPyFunc_O,
            .doc = "Store x in the module's HPyGlobal; get_global() returns it from now on.")
static HPy set_global_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPyGlobal_Store(ctx, &g_shared, arg);
    return HPy_Dup(ctx, ctx->h_None);
}

/* ~~~ HPyFunc_NOARGS reading module state, and errors ~~~ */

HPyDef_METH(get_global, "get_global", HPyFunc_NOARGS,
            .doc = "Return the object held by the module's HPyGlobal (initially the list SHARED).")
static HPy get_global_impl(HPyContext *ctx, HPy self)
{
    return HPyGlobal_Load(ctx, g_shared);
}

HPyDef_METH(raise_value_error, "raise_value_error", HPyFunc_NOARGS,
            .doc = "Raise ValueError('basics: value out of range').")
static HPy raise_value_error_impl(HPyContext *ctx, HPy self)
{
    HPyErr_SetString(ctx, ctx->h_ValueError, "basics: value out of range");
    return HPy_NULL;
}

/* ~~~ HPyFunc_VARARGS ~~~ */

HPyDef_METH(add_ints, "add_ints", HPyFunc_VARARGS,
            .doc = "add_ints(a, b): return a + b for two ints that fit in a C int.")
static HPy add_ints_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    int a, b;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ii:add_ints", &a, &b))
        return HPy_NULL;
    return HPyLong_FromLongLong(ctx, (long long)a + b);
}

HPyDef_METH(parse_mixed, "parse_mixed", HPyFunc_VARARGS,
            .doc = "parse_mixed(i, l, d, obj, s, opt=7): parse 'ildOs|i' and return the six values as a tuple.")
static HPy parse_mixed_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    int i;
    long l;
    double d;
    HPy obj;
    const char *s;
    int opt = 7; /* left alone by the parser when the argument is absent */
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ildOs|i:parse_mixed", &i, &l, &d, &obj, &s, &opt))
        return HPy_NULL;
    return HPy_BuildValue(ctx, "(ildOsi)", i, l, d, obj, s, opt);
}

HPyDef_METH(make_tuple, "make_tuple", HPyFunc_VARARGS,
            .doc = "make_tuple(*args): return args as a tuple, by HPyTuple_FromArray.")
static HPy make_tuple_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    /* The 0.9 prototype takes a non-const array; it only reads it. */
    return HPyTuple_FromArray(ctx, (HPy *)args, (HPy_ssize_t)nargs);
}

HPyDef_METH(dict_get, "dict_get", HPyFunc_VARARGS,
            .doc = "dict_get(d, key, default): return d[key], or default when key is missing.")
static HPy dict_get_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy d, key, dflt;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOO:dict_get", &d, &key, &dflt))
        return HPy_NULL;
    if (!HPyDict_Check(ctx, d)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "dict_get: expected a dict");
        return HPy_NULL;
    }
    HPy value = HPy_GetItem(ctx, d, key);
    if (HPy_IsNull(value) && HPyErr_ExceptionMatches(ctx, ctx->h_KeyError)) {
        HPyErr_Clear(ctx);
        return HPy_Dup(ctx, dflt);
    }
    return value;
}

HPyDef_METH(list_set_item, "list_set_item", HPyFunc_VARARGS,
            .doc = "list_set_item(lst, i, value): lst[i] = value, by HPy_SetItem_i; return None.")
static HPy list_set_item_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy list, value;
    HPy_ssize_t index;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OnO:list_set_item", &list, &index, &value))
        return HPy_NULL;
    if (HPy_SetItem_i(ctx, list, index, value) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

/* ~~~ HPyFunc_KEYWORDS: args holds the positional values, then one value per
   name in the kwnames tuple; kwnames is HPy_NULL when no keyword was given. ~~~ */

HPyDef_METH(kw_numbers, "kw_numbers", HPyFunc_KEYWORDS,
            .doc = "kw_numbers(a, b=2, *, scale=1.0): return (a, b, scale).")
static HPy kw_numbers_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    static const char *keywords[] = {"a", "b", "scale", NULL};
    int a, b = 2;
    double scale = 1.0;
    /* No 'O' in the format: the parser needs no tracker. */
    if (!HPyArg_ParseKeywords(ctx, NULL, args, nargs, kwnames, "i|i$d:kw_numbers",
                              keywords, &a, &b, &scale))
        return HPy_NULL;
    return HPy_BuildValue(ctx, "(iid)", a, b, scale);
}

HPyDef_METH(kw_describe, "kw_describe", HPyFunc_KEYWORDS,
            .doc = "kw_describe(obj, label, *, count=1): return (obj, label, count).")
static HPy kw_describe_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    static const char *keywords[] = {"obj", "label", "count", NULL};
    HPyTracker ht;
    HPy obj;
    const char *label;
    int count = 1;
    /* 'O' hands out handles owned by the tracker. 's' stays required: the
       0.9 parser does not handle an absent optional 's'. */
    if (!HPyArg_ParseKeywords(ctx, &ht, args, nargs, kwnames, "Os$i:kw_describe",
                              keywords, &obj, &label, &count))
        return HPy_NULL;
    HPy result = HPy_BuildValue(ctx, "(Osi)", obj, label, count);
    HPyTracker_Close(ctx, ht);
    return result;
}

HPyDef_METH(split_call, "split_call", HPyFunc_KEYWORDS,
            .doc = "split_call(*args, **kwargs): return (list of positional args, dict of keyword args), read from kwnames by hand.")
static HPy split_call_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    HPy positional = HPyList_New(ctx, 0);
    if (HPy_IsNull(positional))
        return HPy_NULL;
    HPy keywords = HPyDict_New(ctx);
    if (HPy_IsNull(keywords)) {
        HPy_Close(ctx, positional);
        return HPy_NULL;
    }
    for (size_t i = 0; i < nargs; i++) {
        if (HPyList_Append(ctx, positional, args[i]) < 0)
            goto error;
    }
    if (!HPy_IsNull(kwnames)) {
        HPy_ssize_t nkw = HPy_Length(ctx, kwnames);
        if (nkw < 0)
            goto error;
        for (HPy_ssize_t i = 0; i < nkw; i++) {
            HPy name = HPy_GetItem_i(ctx, kwnames, i);
            if (HPy_IsNull(name))
                goto error;
            int res = HPy_SetItem(ctx, keywords, name, args[nargs + (size_t)i]);
            HPy_Close(ctx, name);
            if (res < 0)
                goto error;
        }
    }
    HPy result = HPy_BuildValue(ctx, "(OO)", positional, keywords);
    HPy_Close(ctx, positional);
    HPy_Close(ctx, keywords);
    return result;
error:
    HPy_Close(ctx, positional);
    HPy_Close(ctx, keywords);
    return HPy_NULL;
}

/* ~~~ module initialisation ~~~ */

/* Sets SHARED (also stored in the HPyGlobal), ANSWER, GREETING, EXEC_ORDER. */
HPyDef_SLOT(exec_first, HPy_mod_exec)
static int exec_first_impl(HPyContext *ctx, HPy module)
{
    HPy shared = HPy_BuildValue(ctx, "[iii]", 10, 20, 30);
    if (HPy_IsNull(shared))
        return -1;
    HPyGlobal_Store(ctx, &g_shared, shared);
    int res = HPy_SetAttr_s(ctx, module, "SHARED", shared);
    HPy_Close(ctx, shared);
    if (res < 0)
        return -1;

    HPy answer = HPyLong_FromLong(ctx, 42);
    if (HPy_IsNull(answer))
        return -1;
    res = HPy_SetAttr_s(ctx, module, "ANSWER", answer);
    HPy_Close(ctx, answer);
    if (res < 0)
        return -1;

    HPy greeting = HPyUnicode_FromString(ctx, "gr\xc3\xbc\xc3\x9f dich");
    if (HPy_IsNull(greeting))
        return -1;
    res = HPy_SetAttr_s(ctx, module, "GREETING", greeting);
    HPy_Close(ctx, greeting);
    if (res < 0)
        return -1;

    HPy order = HPy_BuildValue(ctx, "[s]", "first");
    if (HPy_IsNull(order))
        return -1;
    res = HPy_SetAttr_s(ctx, module, "EXEC_ORDER", order);
    HPy_Close(ctx, order);
    return res;
}

/* Runs after exec_first (definition order) and sees its work. */
HPyDef_SLOT(exec_second, HPy_mod_exec)
static int exec_second_impl(HPyContext *ctx, HPy module)
{
    HPy order = HPy_GetAttr_s(ctx, module, "EXEC_ORDER");
    if (HPy_IsNull(order))
        return -1;
    int res = append_and_close(ctx, order, HPyUnicode_FromString(ctx, "second"));
    HPy_Close(ctx, order);
    return res;
}

static HPyDef *module_defines[] = {
    &get_none, &get_true, &get_false, &get_small_int, &get_big_int,
    &get_min_int64, &get_float, &get_str, &get_bytes, &get_tuple,
    &get_list, &get_dict, &build_nested,
    &identity, &type_of, &kind_of, &is_true, &int_plus_one, &float_half,
    &str_echo, &bytes_summary, &sum_sequence, &reversed_list,
    &swallow_type_error, &dup_and_close, &set_global,
    &get_global, &raise_value_error,
    &add_ints, &parse_mixed, &make_tuple, &dict_get, &list_set_item,
    &kw_numbers, &kw_describe, &split_call,
    &exec_first, &exec_second, &builtin,
    NULL
};

static HPyGlobal *module_globals[] = {&g_shared, NULL};

static HPyModuleDef moduledef = {
    .doc = "Sample HPy extension: the basics a host must support.",
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(basics, moduledef)
