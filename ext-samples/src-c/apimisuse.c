/*
 * apimisuse: calls to the HPy API from where HPy forbids them, for the tests of
 * hpymove's checks (each stops the run with a fatal error saying what happened). The
 * context is smuggled through a static, which HPy code must never do.
 *
 *  - from_destroy(): an object whose tp_destroy calls the API, then dropped;
 *  - from_traverse(): an object whose tp_traverse calls the API, kept across a collection;
 *  - from_thread(): a call from a thread the extension started;
 *  - segfault(): a write through a NULL pointer (a plain crash inside an extension);
 *  - overflow(): unbounded C recursion (a native stack overflow inside an extension);
 *  - crashing(): an instance of Crashing, whose __len__ and __repr__ slots write through a
 *    NULL pointer (a crash inside a slot).
 */
#include <pthread.h>

#include "hpy.h"

static HPyContext *saved_ctx;

typedef struct {
    long unused;
} BadObject;

HPyDef_SLOT(BadDestroy_destroy, HPy_tp_destroy)
static void BadDestroy_destroy_impl(void *obj)
{
    HPy h = HPyLong_FromLong(saved_ctx, 1); /* forbidden: tp_destroy has no context */
    HPy_Close(saved_ctx, h);
}

static HPyDef *BadDestroy_defines[] = {&BadDestroy_destroy, NULL};
static HPyType_Spec BadDestroy_spec = {
    .name = "apimisuse.BadDestroy",
    .basicsize = sizeof(BadObject),
    .defines = BadDestroy_defines,
};

HPyDef_SLOT(BadTraverse_traverse, HPy_tp_traverse)
static int BadTraverse_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    HPy h = HPyLong_FromLong(saved_ctx, 1); /* forbidden: tp_traverse has no context */
    HPy_Close(saved_ctx, h);
    return 0;
}

static HPyDef *BadTraverse_defines[] = {&BadTraverse_traverse, NULL};
static HPyType_Spec BadTraverse_spec = {
    .name = "apimisuse.BadTraverse",
    .basicsize = sizeof(BadObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = BadTraverse_defines,
};

static HPy make(HPyContext *ctx, HPyType_Spec *spec)
{
    saved_ctx = ctx;
    HPy t = HPyType_FromSpec(ctx, spec, NULL);
    if (HPy_IsNull(t))
        return HPy_NULL;
    BadObject *b;
    HPy h = HPy_New(ctx, t, &b);
    HPy_Close(ctx, t);
    return h;
}

HPyDef_METH(am_from_destroy, "from_destroy", HPyFunc_NOARGS)
static HPy am_from_destroy_impl(HPyContext *ctx, HPy self)
{
    HPy h = make(ctx, &BadDestroy_spec);
    if (HPy_IsNull(h))
        return HPy_NULL;
    HPy_Close(ctx, h);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(am_from_traverse, "from_traverse", HPyFunc_NOARGS)
static HPy am_from_traverse_impl(HPyContext *ctx, HPy self)
{
    return make(ctx, &BadTraverse_spec);
}

static void *thread_main(void *arg)
{
    HPy h = HPyLong_FromLong(saved_ctx, 2); /* forbidden: not the runtime's thread */
    HPy_Close(saved_ctx, h);
    return NULL;
}

HPyDef_METH(am_from_thread, "from_thread", HPyFunc_NOARGS)
static HPy am_from_thread_impl(HPyContext *ctx, HPy self)
{
    saved_ctx = ctx;
    pthread_t t;
    if (pthread_create(&t, NULL, thread_main, NULL) != 0) {
        HPyErr_SetString(ctx, ctx->h_OSError, "pthread_create failed");
        return HPy_NULL;
    }
    pthread_join(t, NULL);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(am_segfault, "segfault", HPyFunc_NOARGS)
static HPy am_segfault_impl(HPyContext *ctx, HPy self)
{
    volatile long *p = NULL;
    *p = 1;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_SLOT(Crashing_len, HPy_sq_length)
static HPy_ssize_t Crashing_len_impl(HPyContext *ctx, HPy self)
{
    volatile long *p = NULL;
    *p = 1;
    return 0;
}

HPyDef_SLOT(Crashing_repr, HPy_tp_repr)
static HPy Crashing_repr_impl(HPyContext *ctx, HPy self)
{
    volatile long *p = NULL;
    *p = 1;
    return HPy_NULL;
}

static HPyDef *Crashing_defines[] = {&Crashing_len, &Crashing_repr, NULL};
static HPyType_Spec Crashing_spec = {
    .name = "apimisuse.Crashing",
    .basicsize = sizeof(BadObject),
    .defines = Crashing_defines,
};

HPyDef_METH(am_crashing, "crashing", HPyFunc_NOARGS)
static HPy am_crashing_impl(HPyContext *ctx, HPy self)
{
    return make(ctx, &Crashing_spec);
}

/* Deliberately unbounded (the stop condition is never true). */
static long recurse(volatile long *depth)
{
    volatile char pad[256];
    pad[0] = (char)*depth;
    (*depth)++;
    if (*depth < 0)
        return 0;
    return recurse(depth) + pad[0];
}

HPyDef_METH(am_overflow, "overflow", HPyFunc_NOARGS)
static HPy am_overflow_impl(HPyContext *ctx, HPy self)
{
    volatile long depth = 0;
    return HPyLong_FromLong(ctx, recurse(&depth));
}

static HPyDef *module_defines[] = {&am_from_destroy, &am_from_traverse, &am_from_thread,
                                   &am_segfault, &am_overflow, &am_crashing, NULL};

static HPyModuleDef moduledef = {
    .doc = "Calls to the HPy API from where HPy forbids them (hpymove's tests only).",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(apimisuse, moduledef)
