/*
 * buffers: extension types that export their memory through the buffer slots
 * (HPy_bf_getbuffer, HPy_bf_releasebuffer), for memoryview and bytes().
 *
 *  - Bytes(n): n writable bytes the object malloc'ed (freed in tp_destroy), filled with
 *    0..n-1, one dimension of format "B"; total() sums them from C;
 *  - Grid(): a 3 x 4 grid of C ints inside the payload itself (which never moves),
 *    writable, two dimensions with an explicit shape and strides; cell(r, c) reads one
 *    from C;
 *  - Backwards(): four doubles seen last to first (buf at the last one, stride -8),
 *    read-only;
 *  - Refusing(): getbuffer raises ValueError.
 * Every type counts its exports not yet released in the member `exports`; released()
 * tells how many releases the module saw in all.
 */
#include <stdlib.h>
#include <stddef.h>

#include "hpy.h"

static long releases_seen = 0;

/* ------------------------------------------------------------------ Bytes */

typedef struct {
    int exports;
    HPy_ssize_t n;
    unsigned char *data;
    HPy_ssize_t shape[1];
    HPy_ssize_t strides[1];
} BytesObject;

HPyType_HELPERS(BytesObject)

HPyDef_SLOT(Bytes_new, HPy_tp_new)
static HPy Bytes_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    HPy_ssize_t n;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "n", &n))
        return HPy_NULL;
    if (n < 0) {
        HPyErr_SetString(ctx, ctx->h_ValueError, "negative size");
        return HPy_NULL;
    }
    BytesObject *b;
    HPy h = HPy_New(ctx, cls, &b);
    if (HPy_IsNull(h))
        return HPy_NULL;
    b->data = malloc(n > 0 ? (size_t)n : 1);
    if (b->data == NULL) {
        HPy_Close(ctx, h);
        return HPyErr_NoMemory(ctx), HPy_NULL;
    }
    for (HPy_ssize_t i = 0; i < n; i++)
        b->data[i] = (unsigned char)i;
    b->n = n;
    return h;
}

HPyDef_SLOT(Bytes_destroy, HPy_tp_destroy)
static void Bytes_destroy_impl(void *obj)
{
    BytesObject *b = (BytesObject *)obj;
    free(b->data);
    b->data = NULL;
}

HPyDef_SLOT(Bytes_getbuffer, HPy_bf_getbuffer)
static int Bytes_getbuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf, int flags)
{
    BytesObject *b = BytesObject_AsStruct(ctx, self);
    b->exports++;
    b->shape[0] = b->n;
    b->strides[0] = 1;
    buf->buf = b->data;
    buf->len = b->n;
    buf->itemsize = 1;
    buf->readonly = 0;
    buf->ndim = 1;
    buf->format = (char *)"B";
    buf->shape = b->shape;
    buf->strides = b->strides;
    buf->suboffsets = NULL;
    buf->internal = NULL;
    buf->obj = HPy_Dup(ctx, self);
    return 0;
}

HPyDef_SLOT(Bytes_releasebuffer, HPy_bf_releasebuffer)
static void Bytes_releasebuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf)
{
    BytesObject_AsStruct(ctx, self)->exports--;
    releases_seen++;
}

HPyDef_METH(Bytes_total, "total", HPyFunc_NOARGS, .doc = "The sum of the bytes, read from C.")
static HPy Bytes_total_impl(HPyContext *ctx, HPy self)
{
    BytesObject *b = BytesObject_AsStruct(ctx, self);
    long sum = 0;
    for (HPy_ssize_t i = 0; i < b->n; i++)
        sum += b->data[i];
    return HPyLong_FromLong(ctx, sum);
}

HPyDef_MEMBER(Bytes_exports, "exports", HPyMember_INT, offsetof(BytesObject, exports),
              .readonly = 1)

static HPyDef *Bytes_defines[] = {
    &Bytes_new, &Bytes_destroy, &Bytes_getbuffer, &Bytes_releasebuffer, &Bytes_total,
    &Bytes_exports, NULL,
};

static HPyType_Spec Bytes_spec = {
    .name = "buffers.Bytes",
    .basicsize = sizeof(BytesObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Bytes_defines,
};

/* ------------------------------------------------------------------ Grid */

#define ROWS 3
#define COLS 4

typedef struct {
    int exports;
    int cells[ROWS * COLS];
} GridObject;

HPyType_HELPERS(GridObject)

static HPy_ssize_t grid_shape[2] = {ROWS, COLS};
static HPy_ssize_t grid_strides[2] = {COLS * sizeof(int), sizeof(int)};

HPyDef_SLOT(Grid_new, HPy_tp_new)
static HPy Grid_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    GridObject *g;
    HPy h = HPy_New(ctx, cls, &g);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (int i = 0; i < ROWS * COLS; i++)
        g->cells[i] = i * 10 - 50;
    return h;
}

HPyDef_SLOT(Grid_getbuffer, HPy_bf_getbuffer)
static int Grid_getbuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf, int flags)
{
    GridObject *g = GridObject_AsStruct(ctx, self);
    g->exports++;
    buf->buf = g->cells;
    buf->len = sizeof(g->cells);
    buf->itemsize = sizeof(int);
    buf->readonly = 0;
    buf->ndim = 2;
    buf->format = (char *)"i";
    buf->shape = grid_shape;
    buf->strides = grid_strides;
    buf->suboffsets = NULL;
    buf->internal = NULL;
    buf->obj = HPy_Dup(ctx, self);
    return 0;
}

HPyDef_SLOT(Grid_releasebuffer, HPy_bf_releasebuffer)
static void Grid_releasebuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf)
{
    GridObject_AsStruct(ctx, self)->exports--;
    releases_seen++;
}

HPyDef_METH(Grid_cell, "cell", HPyFunc_VARARGS, .doc = "cell(row, column), read from C.")
static HPy Grid_cell_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    int r, c;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ii", &r, &c))
        return HPy_NULL;
    if (r < 0 || r >= ROWS || c < 0 || c >= COLS) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "no such cell");
        return HPy_NULL;
    }
    return HPyLong_FromLong(ctx, GridObject_AsStruct(ctx, self)->cells[r * COLS + c]);
}

HPyDef_MEMBER(Grid_exports, "exports", HPyMember_INT, offsetof(GridObject, exports),
              .readonly = 1)

static HPyDef *Grid_defines[] = {
    &Grid_new, &Grid_getbuffer, &Grid_releasebuffer, &Grid_cell, &Grid_exports, NULL,
};

static HPyType_Spec Grid_spec = {
    .name = "buffers.Grid",
    .basicsize = sizeof(GridObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Grid_defines,
};

/* ------------------------------------------------------------------ Backwards */

typedef struct {
    int exports;
    double values[4];
} BackwardsObject;

HPyType_HELPERS(BackwardsObject)

static HPy_ssize_t backwards_shape[1] = {4};
static HPy_ssize_t backwards_strides[1] = {-(HPy_ssize_t)sizeof(double)};

HPyDef_SLOT(Backwards_new, HPy_tp_new)
static HPy Backwards_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs,
                              HPy kw)
{
    BackwardsObject *b;
    HPy h = HPy_New(ctx, cls, &b);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (int i = 0; i < 4; i++)
        b->values[i] = 1.5 * i;
    return h;
}

HPyDef_SLOT(Backwards_getbuffer, HPy_bf_getbuffer)
static int Backwards_getbuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf, int flags)
{
    BackwardsObject *b = BackwardsObject_AsStruct(ctx, self);
    b->exports++;
    buf->buf = &b->values[3];
    buf->len = sizeof(b->values);
    buf->itemsize = sizeof(double);
    buf->readonly = 1;
    buf->ndim = 1;
    buf->format = (char *)"d";
    buf->shape = backwards_shape;
    buf->strides = backwards_strides;
    buf->suboffsets = NULL;
    buf->internal = NULL;
    buf->obj = HPy_Dup(ctx, self);
    return 0;
}

HPyDef_SLOT(Backwards_releasebuffer, HPy_bf_releasebuffer)
static void Backwards_releasebuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf)
{
    BackwardsObject_AsStruct(ctx, self)->exports--;
    releases_seen++;
}

HPyDef_MEMBER(Backwards_exports, "exports", HPyMember_INT, offsetof(BackwardsObject, exports),
              .readonly = 1)

static HPyDef *Backwards_defines[] = {
    &Backwards_new, &Backwards_getbuffer, &Backwards_releasebuffer, &Backwards_exports, NULL,
};

static HPyType_Spec Backwards_spec = {
    .name = "buffers.Backwards",
    .basicsize = sizeof(BackwardsObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Backwards_defines,
};

/* ------------------------------------------------------------------ Refusing */

HPyDef_SLOT(Refusing_getbuffer, HPy_bf_getbuffer)
static int Refusing_getbuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf, int flags)
{
    buf->obj = HPy_NULL;
    HPyErr_SetString(ctx, ctx->h_ValueError, "no buffer today");
    return -1;
}

static HPyDef *Refusing_defines[] = {&Refusing_getbuffer, NULL};

static HPyType_Spec Refusing_spec = {
    .name = "buffers.Refusing",
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Refusing_defines,
};

/* ------------------------------------------------------------------ module */

HPyDef_METH(released, "released", HPyFunc_NOARGS, .doc = "How many releases the module saw.")
static HPy released_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, releases_seen);
}

HPyDef_SLOT(buffers_exec, HPy_mod_exec)
static int buffers_exec_impl(HPyContext *ctx, HPy m)
{
    if (!HPyHelpers_AddType(ctx, m, "Bytes", &Bytes_spec, NULL) ||
        !HPyHelpers_AddType(ctx, m, "Grid", &Grid_spec, NULL) ||
        !HPyHelpers_AddType(ctx, m, "Backwards", &Backwards_spec, NULL) ||
        !HPyHelpers_AddType(ctx, m, "Refusing", &Refusing_spec, NULL))
        return -1;
    return 0;
}

static HPyDef *module_defines[] = {&buffers_exec, &released, NULL};

static HPyModuleDef moduledef = {
    .doc = "Extension types exporting their memory through the buffer slots.",
    .defines = module_defines,
};

HPy_MODINIT(buffers, moduledef)
