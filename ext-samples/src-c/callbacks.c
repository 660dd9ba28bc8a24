/*
 * callbacks: calling Python callables from C, and a few host services.
 *
 * HPy_Call (positional arguments then keyword values, named by a kwnames
 * tuple), HPy_CallTupleDict, HPy_CallMethod (the receiver first),
 * HPyCallable_Check; HPyImport_ImportModule, HPy_Dump,
 * HPy_LeavePythonExecution / HPy_ReenterPythonExecution and HPy_FatalError.
 */
#include <stdlib.h>

#include "hpy.h"

HPyDef_METH(call, "call", HPyFunc_KEYWORDS,
            .doc = "call(f, *args, **kwargs): f(*args, **kwargs) through HPy_Call, forwarding args and kwnames as received.")
static HPy call_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    if (nargs < 1) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "call() needs the callable");
        return HPy_NULL;
    }
    return HPy_Call(ctx, args[0], args + 1, nargs - 1, kwnames);
}

HPyDef_METH(call_tuple_dict, "call_tuple_dict", HPyFunc_VARARGS,
            .doc = "call_tuple_dict(f, args, kw): HPy_CallTupleDict (args, kw None: HPy_NULL).")
static HPy call_tuple_dict_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy f, a, kw;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOO:call_tuple_dict", &f, &a, &kw))
        return HPy_NULL;
    if (HPy_Is(ctx, a, ctx->h_None))
        a = HPy_NULL;
    if (HPy_Is(ctx, kw, ctx->h_None))
        kw = HPy_NULL;
    return HPy_CallTupleDict(ctx, f, a, kw);
}

HPyDef_METH(call_method, "call_method", HPyFunc_KEYWORDS,
            .doc = "call_method(obj, name, *args, **kwargs): obj.name(*args, **kwargs) through HPy_CallMethod.")
static HPy call_method_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    if (nargs < 2) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "call_method() needs an object and a name");
        return HPy_NULL;
    }
    HPy_ssize_t nkw = 0;
    if (!HPy_IsNull(kwnames)) {
        nkw = HPy_Length(ctx, kwnames);
        if (nkw < 0)
            return HPy_NULL;
    }
    /* HPy_CallMethod wants the receiver first, then the arguments: drop the name. */
    size_t total = nargs - 1 + (size_t)nkw;
    HPy *array = malloc(total * sizeof(HPy));
    if (array == NULL)
        return HPyErr_NoMemory(ctx);
    array[0] = args[0];
    for (size_t i = 2; i < nargs + (size_t)nkw; i++)
        array[i - 1] = args[i];
    HPy res = HPy_CallMethod(ctx, args[1], array, nargs - 1, kwnames);
    free(array);
    return res;
}

HPyDef_METH(call_with_keywords, "call_with_keywords", HPyFunc_O,
            .doc = "call_with_keywords(f): f(1, 'two', x=3.5, y=[4]), with the kwnames tuple built in C.")
static HPy call_with_keywords_impl(HPyContext *ctx, HPy self, HPy f)
{
    HPy values[4] = {HPy_NULL, HPy_NULL, HPy_NULL, HPy_NULL};
    HPy result = HPy_NULL;
    HPy kwnames = HPy_BuildValue(ctx, "(ss)", "x", "y");
    if (HPy_IsNull(kwnames))
        return HPy_NULL;
    values[0] = HPyLong_FromLong(ctx, 1);
    values[1] = HPyUnicode_FromString(ctx, "two");
    values[2] = HPyFloat_FromDouble(ctx, 3.5);
    values[3] = HPy_BuildValue(ctx, "[i]", 4);
    for (int i = 0; i < 4; i++) {
        if (HPy_IsNull(values[i]))
            goto done;
    }
    result = HPy_Call(ctx, f, values, 2, kwnames);
done:
    for (int i = 0; i < 4; i++) {
        if (!HPy_IsNull(values[i]))
            HPy_Close(ctx, values[i]);
    }
    HPy_Close(ctx, kwnames);
    return result;
}

HPyDef_METH(map_calls, "map_calls", HPyFunc_VARARGS,
            .doc = "map_calls(f, n): [f(i, square=i*i) for i in range(n)], one HPy_Call each.")
static HPy map_calls_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy f;
    long n;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Ol:map_calls", &f, &n))
        return HPy_NULL;
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    HPy kwnames = HPy_BuildValue(ctx, "(s)", "square");
    if (HPy_IsNull(kwnames)) {
        HPy_Close(ctx, list);
        return HPy_NULL;
    }
    for (long i = 0; i < n; i++) {
        HPy argv[2];
        argv[0] = HPyLong_FromLong(ctx, i);
        argv[1] = HPyLong_FromLong(ctx, i * i);
        HPy r = HPy_NULL;
        if (!HPy_IsNull(argv[0]) && !HPy_IsNull(argv[1]))
            r = HPy_Call(ctx, f, argv, 1, kwnames);
        if (!HPy_IsNull(argv[0]))
            HPy_Close(ctx, argv[0]);
        if (!HPy_IsNull(argv[1]))
            HPy_Close(ctx, argv[1]);
        int res = HPy_IsNull(r) ? -1 : HPyList_Append(ctx, list, r);
        if (!HPy_IsNull(r))
            HPy_Close(ctx, r);
        if (res < 0) {
            HPy_Close(ctx, kwnames);
            HPy_Close(ctx, list);
            return HPy_NULL;
        }
    }
    HPy_Close(ctx, kwnames);
    return list;
}

HPyDef_METH(is_callable, "is_callable", HPyFunc_O,
            .doc = "is_callable(obj): HPyCallable_Check as a bool.")
static HPy is_callable_impl(HPyContext *ctx, HPy self, HPy obj)
{
    return HPyBool_FromLong(ctx, HPyCallable_Check(ctx, obj));
}

HPyDef_METH(import_module, "import_module", HPyFunc_O,
            .doc = "import_module(name): HPyImport_ImportModule.")
static HPy import_module_impl(HPyContext *ctx, HPy self, HPy name)
{
    const char *utf8 = HPyUnicode_AsUTF8AndSize(ctx, name, NULL);
    if (utf8 == NULL)
        return HPy_NULL;
    return HPyImport_ImportModule(ctx, utf8);
}

HPyDef_METH(dump, "dump", HPyFunc_O,
            .doc = "dump(obj): HPy_Dump (a description on stderr); returns None.")
static HPy dump_impl(HPyContext *ctx, HPy self, HPy obj)
{
    _HPy_Dump(ctx, obj);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(leave_and_reenter, "leave_and_reenter", HPyFunc_O,
            .doc = "leave_and_reenter(n): sum(range(n)) computed in C outside Python execution.")
static HPy leave_and_reenter_impl(HPyContext *ctx, HPy self, HPy h_n)
{
    long n = HPyLong_AsLong(ctx, h_n);
    if (n == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    long total = 0;
    HPy_BEGIN_LEAVE_PYTHON(ctx)
    for (long i = 0; i < n; i++)
        total += i;
    HPy_END_LEAVE_PYTHON(ctx)
    return HPyLong_FromLong(ctx, total);
}

HPyDef_METH(misuse_thread_state, "misuse_thread_state", HPyFunc_O,
            .doc = "misuse_thread_state(how): 'leave twice', 'reenter only' or 'wrong token' (a fatal error on hpymove).")
static HPy misuse_thread_state_impl(HPyContext *ctx, HPy self, HPy how)
{
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, how, NULL);
    if (s == NULL)
        return HPy_NULL;
    if (s[0] == 'l') {
        HPy_LeavePythonExecution(ctx);
        HPy_LeavePythonExecution(ctx);
    } else if (s[0] == 'r') {
        HPyThreadState none = {0};
        HPy_ReenterPythonExecution(ctx, none);
    } else {
        HPyThreadState t = HPy_LeavePythonExecution(ctx);
        t._i ^= 0x10;
        HPy_ReenterPythonExecution(ctx, t);
    }
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(fatal, "fatal", HPyFunc_O,
            .doc = "fatal(message): HPy_FatalError(message); never returns.")
static HPy fatal_impl(HPyContext *ctx, HPy self, HPy message)
{
    const char *s = HPyUnicode_AsUTF8AndSize(ctx, message, NULL);
    if (s == NULL)
        return HPy_NULL;
    HPy_FatalError(ctx, s);
}

static HPyDef *module_defines[] = {
    &call, &call_tuple_dict, &call_method, &call_with_keywords, &map_calls,
    &is_callable, &import_module, &dump, &leave_and_reenter,
    &misuse_thread_state, &fatal,
    NULL
};

static HPyModuleDef moduledef = {
    .doc = "Sample HPy extension: calls into Python callables with keywords, and host services.",
    .defines = module_defines,
};

HPy_MODINIT(callbacks, moduledef)
