/*
 * bigbuf: objects whose payload owns a large malloc'ed buffer, for the memory-pressure
 * benchmark and tests (the collector must learn about memory it does not allocate).
 *
 *  - Buffer(nbytes): mallocs `nbytes` in tp_new and writes every page of it (so the pages
 *    are resident, as a real array's would be); tp_destroy frees it. len() is nbytes.
 *  - counts(): (buffers allocated, buffers freed, bytes currently allocated).
 */
#include <stdlib.h>
#include <string.h>

#include "hpy.h"

typedef struct {
    char *data;
    HPy_ssize_t size;
} BufferObject;

HPyType_HELPERS(BufferObject)

static long buffers_allocated;
static long buffers_freed;
static long long bytes_live;

HPyDef_SLOT(Buffer_new, HPy_tp_new)
static HPy Buffer_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    HPy_ssize_t n = 0;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "n", &n))
        return HPy_NULL;
    if (n < 0) {
        HPyErr_SetString(ctx, ctx->h_ValueError, "negative size");
        return HPy_NULL;
    }
    BufferObject *b;
    HPy h = HPy_New(ctx, cls, &b);
    if (HPy_IsNull(h))
        return HPy_NULL;
    b->data = malloc(n > 0 ? (size_t)n : 1);
    if (b->data == NULL) {
        HPy_Close(ctx, h);
        return HPyErr_NoMemory(ctx);
    }
    memset(b->data, 0x5a, (size_t)n);
    b->size = n;
    buffers_allocated++;
    bytes_live += n;
    return h;
}

HPyDef_SLOT(Buffer_destroy, HPy_tp_destroy)
static void Buffer_destroy_impl(void *obj)
{
    BufferObject *b = (BufferObject *)obj;
    if (b->data != NULL) {
        free(b->data);
        b->data = NULL;
        buffers_freed++;
        bytes_live -= b->size;
    }
}

HPyDef_SLOT(Buffer_len, HPy_sq_length)
static HPy_ssize_t Buffer_len_impl(HPyContext *ctx, HPy self)
{
    return BufferObject_AsStruct(ctx, self)->size;
}

static HPyDef *Buffer_defines[] = {&Buffer_new, &Buffer_destroy, &Buffer_len, NULL};

static HPyType_Spec Buffer_spec = {
    .name = "bigbuf.Buffer",
    .basicsize = sizeof(BufferObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Buffer_defines,
};

HPyDef_METH(counts, "counts", HPyFunc_NOARGS)
static HPy counts_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(llL)", buffers_allocated, buffers_freed, bytes_live);
}

HPyDef_SLOT(bigbuf_exec, HPy_mod_exec)
static int bigbuf_exec_impl(HPyContext *ctx, HPy m)
{
    HPy t = HPyType_FromSpec(ctx, &Buffer_spec, NULL);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Buffer", t);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *module_defines[] = {&bigbuf_exec, &counts, NULL};

static HPyModuleDef moduledef = {
    .doc = "Payloads owning large malloc'ed buffers (memory-pressure benchmark).",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(bigbuf, moduledef)
