/*
 * capsules: HPyCapsule_New / Get / Set / IsValid and capsule destructors.
 *
 * Every capsule made by `new` owns a malloc'ed long (its pointer) and a malloc'ed
 * copy of its name; its destructor frees both and counts its calls, so a host
 * that runs a destructor twice, or never, shows in the counters (and, run twice,
 * in a double free).  A destructor gets no context: it must not call the API.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hpy.h"

/* Destructor calls so far, and what the last one received. */
static long counting_calls;
static long other_calls;
static long last_value;
static intptr_t last_context;
static int last_name_was_null;

static char *copy_name(HPyContext *ctx, HPy name)
{
    if (HPy_Is(ctx, name, ctx->h_None))
        return NULL;
    const char *utf8 = HPyUnicode_AsUTF8AndSize(ctx, name, NULL);
    if (utf8 == NULL)
        return NULL;
    char *copy = strdup(utf8);
    if (copy == NULL)
        HPyErr_NoMemory(ctx);
    return copy;
}

static void release(const char *name, void *pointer, void *context)
{
    last_value = *(long *)pointer;
    last_context = (intptr_t)context;
    last_name_was_null = name == NULL;
    free(pointer);
    free((char *)name);
}

HPyCapsule_DESTRUCTOR(counting_destructor)
static void counting_destructor_impl(const char *name, void *pointer, void *context)
{
    counting_calls++;
    release(name, pointer, context);
}

HPyCapsule_DESTRUCTOR(other_destructor)
static void other_destructor_impl(const char *name, void *pointer, void *context)
{
    other_calls++;
    release(name, pointer, context);
}

/* A destructor definition without its function: HPy refuses it. */
static HPyCapsule_Destructor incomplete_destructor = {
    .cpy_trampoline = counting_destructor_trampoline,
    .impl = NULL,
};

static long *new_value(HPyContext *ctx, long value)
{
    long *p = malloc(sizeof(long));
    if (p == NULL) {
        HPyErr_NoMemory(ctx);
        return NULL;
    }
    *p = value;
    return p;
}

/* Parses (capsule, name-or-None); `name` is NULL for None. */
static int capsule_and_name(HPyContext *ctx, const HPy *args, size_t nargs,
                            const char *fmt, HPy *cap, const char **name)
{
    HPy h_name;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, fmt, cap, &h_name))
        return -1;
    *name = NULL;
    if (!HPy_Is(ctx, h_name, ctx->h_None)) {
        *name = HPyUnicode_AsUTF8AndSize(ctx, h_name, NULL);
        if (*name == NULL)
            return -1;
    }
    return 0;
}

HPyDef_METH(new, "new", HPyFunc_VARARGS,
            .doc = "new(value, name): a capsule holding a malloc'ed long, named name (None: no name), with the counting destructor.")
static HPy new_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    long value;
    HPy h_name;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "lO:new", &value, &h_name))
        return HPy_NULL;
    char *name = copy_name(ctx, h_name);
    if (name == NULL && HPyErr_Occurred(ctx))
        return HPy_NULL;
    long *p = new_value(ctx, value);
    if (p == NULL) {
        free(name);
        return HPy_NULL;
    }
    HPy cap = HPyCapsule_New(ctx, p, name, &counting_destructor);
    if (HPy_IsNull(cap)) {
        free(p);
        free(name);
    }
    return cap;
}

HPyDef_METH(new_plain, "new_plain", HPyFunc_NOARGS,
            .doc = "new_plain(): a capsule 'capsules.plain' pointing at a static long 7, without a destructor.")
static HPy new_plain_impl(HPyContext *ctx, HPy self)
{
    static long seven = 7;
    return HPyCapsule_New(ctx, &seven, "capsules.plain", NULL);
}

HPyDef_METH(new_null, "new_null", HPyFunc_NOARGS,
            .doc = "new_null(): HPyCapsule_New with a NULL pointer (ValueError).")
static HPy new_null_impl(HPyContext *ctx, HPy self)
{
    return HPyCapsule_New(ctx, NULL, "capsules.null", NULL);
}

HPyDef_METH(new_incomplete_destructor, "new_incomplete_destructor", HPyFunc_NOARGS,
            .doc = "new_incomplete_destructor(): a destructor without impl (ValueError).")
static HPy new_incomplete_destructor_impl(HPyContext *ctx, HPy self)
{
    static long eight = 8;
    return HPyCapsule_New(ctx, &eight, "capsules.bad", &incomplete_destructor);
}

HPyDef_METH(get, "get", HPyFunc_VARARGS,
            .doc = "get(capsule, name): the long the capsule points at, asked for with name (None: NULL).")
static HPy get_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy cap;
    const char *name;
    if (capsule_and_name(ctx, args, nargs, "OO:get", &cap, &name) < 0)
        return HPy_NULL;
    long *p = HPyCapsule_GetPointer(ctx, cap, name);
    if (p == NULL)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, *p);
}

HPyDef_METH(is_valid, "is_valid", HPyFunc_VARARGS,
            .doc = "is_valid(obj, name): HPyCapsule_IsValid as a bool.")
static HPy is_valid_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy cap;
    const char *name;
    if (capsule_and_name(ctx, args, nargs, "OO:is_valid", &cap, &name) < 0)
        return HPy_NULL;
    return HPyBool_FromLong(ctx, HPyCapsule_IsValid(ctx, cap, name));
}

HPyDef_METH(get_name, "get_name", HPyFunc_O,
            .doc = "get_name(capsule): its name, or None.")
static HPy get_name_impl(HPyContext *ctx, HPy self, HPy cap)
{
    const char *name = HPyCapsule_GetName(ctx, cap);
    if (name == NULL) {
        if (HPyErr_Occurred(ctx))
            return HPy_NULL;
        return HPy_Dup(ctx, ctx->h_None);
    }
    return HPyUnicode_FromString(ctx, name);
}

HPyDef_METH(set_name, "set_name", HPyFunc_VARARGS,
            .doc = "set_name(capsule, name): renames a capsule made by new() (its old name copy is freed).")
static HPy set_name_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy cap, h_name;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO:set_name", &cap, &h_name))
        return HPy_NULL;
    const char *old = HPyCapsule_GetName(ctx, cap);
    if (old == NULL && HPyErr_Occurred(ctx))
        return HPy_NULL;
    char *name = copy_name(ctx, h_name);
    if (name == NULL && HPyErr_Occurred(ctx))
        return HPy_NULL;
    if (HPyCapsule_SetName(ctx, cap, name) < 0) {
        free(name);
        return HPy_NULL;
    }
    free((char *)old);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(set_pointer, "set_pointer", HPyFunc_VARARGS,
            .doc = "set_pointer(capsule, value): points a capsule made by new() at a new long (the old one is freed).")
static HPy set_pointer_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy cap;
    long value;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "Ol:set_pointer", &cap, &value))
        return HPy_NULL;
    /* A capsule's pointer is read with its own name. */
    const char *name = HPyCapsule_GetName(ctx, cap);
    if (name == NULL && HPyErr_Occurred(ctx))
        return HPy_NULL;
    long *old = HPyCapsule_GetPointer(ctx, cap, name);
    if (old == NULL)
        return HPy_NULL;
    long *p = new_value(ctx, value);
    if (p == NULL)
        return HPy_NULL;
    if (HPyCapsule_SetPointer(ctx, cap, p) < 0) {
        free(p);
        return HPy_NULL;
    }
    free(old);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(set_pointer_null, "set_pointer_null", HPyFunc_O,
            .doc = "set_pointer_null(obj): HPyCapsule_SetPointer with NULL (ValueError).")
static HPy set_pointer_null_impl(HPyContext *ctx, HPy self, HPy cap)
{
    if (HPyCapsule_SetPointer(ctx, cap, NULL) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(get_context, "get_context", HPyFunc_O,
            .doc = "get_context(capsule): its context pointer as an int (0 when unset).")
static HPy get_context_impl(HPyContext *ctx, HPy self, HPy cap)
{
    void *c = HPyCapsule_GetContext(ctx, cap);
    if (c == NULL && HPyErr_Occurred(ctx))
        return HPy_NULL;
    return HPyLong_FromSsize_t(ctx, (HPy_ssize_t)(intptr_t)c);
}

HPyDef_METH(set_context, "set_context", HPyFunc_VARARGS,
            .doc = "set_context(capsule, n): sets its context pointer to the integer n.")
static HPy set_context_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy cap;
    HPy_ssize_t n;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "On:set_context", &cap, &n))
        return HPy_NULL;
    if (HPyCapsule_SetContext(ctx, cap, (void *)(intptr_t)n) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(use_other_destructor, "use_other_destructor", HPyFunc_O,
            .doc = "use_other_destructor(capsule): replaces the counting destructor by the other one.")
static HPy use_other_destructor_impl(HPyContext *ctx, HPy self, HPy cap)
{
    if (HPyCapsule_SetDestructor(ctx, cap, &other_destructor) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(set_incomplete_destructor, "set_incomplete_destructor", HPyFunc_O,
            .doc = "set_incomplete_destructor(capsule): HPyCapsule_SetDestructor with a destructor without impl (ValueError).")
static HPy set_incomplete_destructor_impl(HPyContext *ctx, HPy self, HPy cap)
{
    if (HPyCapsule_SetDestructor(ctx, cap, &incomplete_destructor) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(get_destructor, "get_destructor", HPyFunc_O,
            .doc = "get_destructor(capsule): HPyCapsule_Get with HPyCapsule_key_Destructor (ValueError).")
static HPy get_destructor_impl(HPyContext *ctx, HPy self, HPy cap)
{
    void *d = HPyCapsule_Get(ctx, cap, HPyCapsule_key_Destructor, NULL);
    if (d == NULL)
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(destructor_calls, "destructor_calls", HPyFunc_NOARGS,
            .doc = "destructor_calls(): (counting calls, other calls, last value, last context, last name was NULL).")
static HPy destructor_calls_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(lllnO)", counting_calls, other_calls, last_value,
                          (HPy_ssize_t)last_context,
                          last_name_was_null ? ctx->h_True : ctx->h_False);
}

static HPyDef *module_defines[] = {
    &new, &new_plain, &new_null, &new_incomplete_destructor,
    &get, &is_valid, &get_name, &set_name, &set_pointer, &set_pointer_null,
    &get_context, &set_context, &use_other_destructor, &set_incomplete_destructor,
    &get_destructor, &destructor_calls,
    NULL
};

static HPyModuleDef moduledef = {
    .doc = "Sample HPy extension: capsules and their destructors.",
    .defines = module_defines,
};

HPy_MODINIT(capsules, moduledef)
