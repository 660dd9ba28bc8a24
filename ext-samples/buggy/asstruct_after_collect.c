/* asstruct_after_collect: an HPy_AsStruct pointer kept in a static after its handle was
 * closed, read after the object died and was collected (payload-after-free). */
#include "hpy.h"

typedef struct {
    long value;
} CellObject;

HPyType_HELPERS(CellObject)

static HPyType_Spec Cell_spec = {
    .name = "asstruct_after_collect.Cell",
    .basicsize = sizeof(CellObject),
};

static CellObject *kept;

HPyDef_METH(make_and_keep, "make_and_keep", HPyFunc_O)
static HPy make_and_keep_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long v = HPyLong_AsLong(ctx, arg);
    if (v == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    HPy t = HPyType_FromSpec(ctx, &Cell_spec, NULL);
    if (HPy_IsNull(t))
        return HPy_NULL;
    CellObject *c;
    HPy h = HPy_New(ctx, t, &c);
    HPy_Close(ctx, t);
    if (HPy_IsNull(h))
        return HPy_NULL;
    c->value = v;
    kept = c; /* valid only while a handle to the object is open */
    return h;
}

HPyDef_METH(read_kept, "read_kept", HPyFunc_NOARGS)
static HPy read_kept_impl(HPyContext *ctx, HPy self)
{
    long v = kept->value; /* BUG: payload-after-free */
    return HPyLong_FromLong(ctx, v);
}

static HPyDef *defines[] = { &make_and_keep, &read_kept, NULL };
static HPyModuleDef moduledef = { .doc = "a payload pointer after death", .defines = defines };
HPy_MODINIT(asstruct_after_collect, moduledef)
