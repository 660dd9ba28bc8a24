/*
 * exceptions: the HPyErr_* family.
 *
 * Raising (SetString, SetObject, NoMemory, the errno variants), looking at the
 * pending exception (Occurred, ExceptionMatches) and clearing it, custom
 * exception classes (NewException, NewExceptionWithDoc; the module's own
 * CustomError is made in HPy_mod_exec and kept in an HPyGlobal), warnings and
 * unraisable exceptions.
 */
#include <errno.h>

#include "hpy.h"

static HPyGlobal g_custom_error;

/* None stands for HPy_NULL in the arguments below. */
static HPy or_null(HPyContext *ctx, HPy h)
{
    return HPy_Is(ctx, h, ctx->h_None) ? HPy_NULL : h;
}

HPyDef_METH(raise_string, "raise_string", HPyFunc_VARARGS,
            .doc = "raise_string(type, message): HPyErr_SetString.")
static HPy raise_string_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type;
    const char *message;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Os:raise_string", &type, &message))
        return HPy_NULL;
    HPyErr_SetString(ctx, type, message);
    return HPy_NULL;
}

HPyDef_METH(raise_object, "raise_object", HPyFunc_VARARGS,
            .doc = "raise_object(type, value): HPyErr_SetObject (value None: HPy_NULL).")
static HPy raise_object_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type, value;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO:raise_object", &type, &value))
        return HPy_NULL;
    HPyErr_SetObject(ctx, type, or_null(ctx, value));
    return HPy_NULL;
}

HPyDef_METH(raise_none_value, "raise_none_value", HPyFunc_O,
            .doc = "raise_none_value(type): HPyErr_SetObject(type, None).")
static HPy raise_none_value_impl(HPyContext *ctx, HPy self, HPy type)
{
    HPyErr_SetObject(ctx, type, ctx->h_None);
    return HPy_NULL;
}

HPyDef_METH(no_memory, "no_memory", HPyFunc_NOARGS,
            .doc = "no_memory(): HPyErr_NoMemory.")
static HPy no_memory_impl(HPyContext *ctx, HPy self)
{
    HPyErr_NoMemory(ctx);
    return HPy_NULL;
}

HPyDef_METH(matches, "matches", HPyFunc_VARARGS,
            .doc = "matches(type, given): raise type('x'), return HPyErr_ExceptionMatches(given) and clear.")
static HPy matches_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type, given;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO:matches", &type, &given))
        return HPy_NULL;
    HPyErr_SetString(ctx, type, "x");
    int res = HPyErr_ExceptionMatches(ctx, given);
    HPyErr_Clear(ctx);
    return HPyBool_FromLong(ctx, res);
}

HPyDef_METH(occurred_and_clear, "occurred_and_clear", HPyFunc_O,
            .doc = "occurred_and_clear(type): (HPyErr_Occurred before raising, after raising, after HPyErr_Clear).")
static HPy occurred_and_clear_impl(HPyContext *ctx, HPy self, HPy type)
{
    int before = HPyErr_Occurred(ctx);
    HPyErr_SetString(ctx, type, "pending");
    int during = HPyErr_Occurred(ctx);
    HPyErr_Clear(ctx);
    int after = HPyErr_Occurred(ctx);
    return HPy_BuildValue(ctx, "(iii)", before, during, after);
}

HPyDef_METH(swallow, "swallow", HPyFunc_VARARGS,
            .doc = "swallow(f, type): call f(); if it raises an instance of type, clear it and return 'swallowed'.")
static HPy swallow_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy f, type;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO:swallow", &f, &type))
        return HPy_NULL;
    HPy res = HPy_Call(ctx, f, NULL, 0, HPy_NULL);
    if (!HPy_IsNull(res))
        return res;
    if (!HPyErr_ExceptionMatches(ctx, type))
        return HPy_NULL;
    HPyErr_Clear(ctx);
    return HPyUnicode_FromString(ctx, "swallowed");
}

HPyDef_METH(from_errno, "from_errno", HPyFunc_VARARGS,
            .doc = "from_errno(type, errno): HPyErr_SetFromErrno with errno set.")
static HPy from_errno_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type;
    int e;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Oi:from_errno", &type, &e))
        return HPy_NULL;
    errno = e;
    HPyErr_SetFromErrno(ctx, type);
    return HPy_NULL;
}

HPyDef_METH(from_errno_filename, "from_errno_filename", HPyFunc_VARARGS,
            .doc = "from_errno_filename(type, errno, filename): HPyErr_SetFromErrnoWithFilename (filename None: NULL).")
static HPy from_errno_filename_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type, h_name;
    int e;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OiO:from_errno_filename", &type, &e, &h_name))
        return HPy_NULL;
    const char *name = NULL;
    if (!HPy_Is(ctx, h_name, ctx->h_None)) {
        name = HPyUnicode_AsUTF8AndSize(ctx, h_name, NULL);
        if (name == NULL)
            return HPy_NULL;
    }
    errno = e;
    HPyErr_SetFromErrnoWithFilename(ctx, type, name);
    return HPy_NULL;
}

HPyDef_METH(from_errno_objects, "from_errno_objects", HPyFunc_VARARGS,
            .doc = "from_errno_objects(type, errno, f1, f2): HPyErr_SetFromErrnoWithFilenameObjects (None: HPy_NULL).")
static HPy from_errno_objects_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type, f1, f2;
    int e;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OiOO:from_errno_objects", &type, &e, &f1, &f2))
        return HPy_NULL;
    errno = e;
    HPyErr_SetFromErrnoWithFilenameObjects(ctx, type, or_null(ctx, f1), or_null(ctx, f2));
    return HPy_NULL;
}

HPyDef_METH(new_exception, "new_exception", HPyFunc_VARARGS,
            .doc = "new_exception(name, base, dict): HPyErr_NewException (base, dict None: HPy_NULL).")
static HPy new_exception_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    const char *name;
    HPy base, dict;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "sOO:new_exception", &name, &base, &dict))
        return HPy_NULL;
    return HPyErr_NewException(ctx, name, or_null(ctx, base), or_null(ctx, dict));
}

HPyDef_METH(new_exception_doc, "new_exception_doc", HPyFunc_VARARGS,
            .doc = "new_exception_doc(name, doc, base, dict): HPyErr_NewExceptionWithDoc (doc, base, dict None: NULL).")
static HPy new_exception_doc_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    const char *name;
    HPy h_doc, base, dict;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "sOOO:new_exception_doc", &name, &h_doc, &base, &dict))
        return HPy_NULL;
    const char *doc = NULL;
    if (!HPy_Is(ctx, h_doc, ctx->h_None)) {
        doc = HPyUnicode_AsUTF8AndSize(ctx, h_doc, NULL);
        if (doc == NULL)
            return HPy_NULL;
    }
    return HPyErr_NewExceptionWithDoc(ctx, name, doc, or_null(ctx, base), or_null(ctx, dict));
}

HPyDef_METH(raise_custom, "raise_custom", HPyFunc_O,
            .doc = "raise_custom(message): raise the module's CustomError(message).")
static HPy raise_custom_impl(HPyContext *ctx, HPy self, HPy message)
{
    HPy type = HPyGlobal_Load(ctx, g_custom_error);
    HPyErr_SetObject(ctx, type, message);
    HPy_Close(ctx, type);
    return HPy_NULL;
}

HPyDef_METH(warn_ex, "warn", HPyFunc_VARARGS,
            .doc = "warn(category, message, stack_level): HPyErr_WarnEx's result (category None: NULL).")
static HPy warn_ex_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy category;
    const char *message;
    HPy_ssize_t level;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Osn:warn", &category, &message, &level))
        return HPy_NULL;
    if (HPyErr_WarnEx(ctx, or_null(ctx, category), message, level) < 0)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, 0);
}

HPyDef_METH(write_unraisable, "write_unraisable", HPyFunc_VARARGS,
            .doc = "write_unraisable(type, value, obj): raise type(value), report it with HPyErr_WriteUnraisable(obj) (None: NULL); return HPyErr_Occurred() afterwards.")
static HPy write_unraisable_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy type, value, obj;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOO:write_unraisable", &type, &value, &obj))
        return HPy_NULL;
    HPyErr_SetObject(ctx, type, value);
    HPyErr_WriteUnraisable(ctx, or_null(ctx, obj));
    return HPyBool_FromLong(ctx, HPyErr_Occurred(ctx));
}

/* Makes CustomError (a ValueError with a doc and a class attribute) and
   publishes it as a module attribute. */
HPyDef_SLOT(make_custom_error, HPy_mod_exec)
static int make_custom_error_impl(HPyContext *ctx, HPy module)
{
    HPy dict = HPyDict_New(ctx);
    if (HPy_IsNull(dict))
        return -1;
    HPy code = HPyLong_FromLong(ctx, 42);
    if (HPy_IsNull(code)) {
        HPy_Close(ctx, dict);
        return -1;
    }
    int res = HPy_SetItem_s(ctx, dict, "code", code);
    HPy_Close(ctx, code);
    if (res < 0) {
        HPy_Close(ctx, dict);
        return -1;
    }
    HPy type = HPyErr_NewExceptionWithDoc(ctx, "exceptions.CustomError",
                                          "Raised by raise_custom().",
                                          ctx->h_ValueError, dict);
    HPy_Close(ctx, dict);
    if (HPy_IsNull(type))
        return -1;
    HPyGlobal_Store(ctx, &g_custom_error, type);
    res = HPy_SetAttr_s(ctx, module, "CustomError", type);
    HPy_Close(ctx, type);
    return res;
}

static HPyDef *module_defines[] = {
    &raise_string, &raise_object, &raise_none_value, &no_memory, &matches,
    &occurred_and_clear, &swallow, &from_errno, &from_errno_filename,
    &from_errno_objects, &new_exception, &new_exception_doc, &raise_custom,
    &warn_ex, &write_unraisable,
    &make_custom_error,
    NULL
};

static HPyGlobal *module_globals[] = {&g_custom_error, NULL};

static HPyModuleDef moduledef = {
    .doc = "Sample HPy extension: raising, matching and clearing exceptions; custom exception classes; warnings.",
    .defines = module_defines,
    .globals = module_globals,
};

HPy_MODINIT(exceptions, moduledef)
