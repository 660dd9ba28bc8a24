/* untraced_field: an HPyField stored in an object whose type has no tp_traverse
 * (field-without-traverse). */
#include "hpy.h"

typedef struct {
    long count;
    HPyField last;
} BoxObject;

HPyType_HELPERS(BoxObject)

HPyDef_METH(Box_put, "put", HPyFunc_O)
static HPy Box_put_impl(HPyContext *ctx, HPy self, HPy item)
{
    BoxObject *b = BoxObject_AsStruct(ctx, self);
    b->count++;
    HPyField_Store(ctx, self, &b->last, item); /* BUG: field-without-traverse */
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(Box_get, "get", HPyFunc_NOARGS)
static HPy Box_get_impl(HPyContext *ctx, HPy self)
{
    return HPyField_Load(ctx, self, BoxObject_AsStruct(ctx, self)->last);
}

static HPyDef *Box_defines[] = { &Box_put, &Box_get, NULL };
static HPyType_Spec Box_spec = {
    .name = "untraced_field.Box",
    .basicsize = sizeof(BoxObject),
    .flags = HPy_TPFLAGS_DEFAULT, /* no HAVE_GC, no tp_traverse */
    .defines = Box_defines,
};

HPyDef_SLOT(uf_exec, HPy_mod_exec)
static int uf_exec_impl(HPyContext *ctx, HPy m)
{
    HPy t = HPyType_FromSpec(ctx, &Box_spec, NULL);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Box", t);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *defines[] = { &uf_exec, NULL };
static HPyModuleDef moduledef = { .doc = "a field no tp_traverse visits", .defines = defines };
HPy_MODINIT(untraced_field, moduledef)
