/* traverse_forgets_field: a type with two fields whose tp_traverse visits only the
 * first (field-not-traversed). */
#include "hpy.h"

typedef struct {
    HPyField first;
    HPyField second;
} PairObject;

HPyType_HELPERS(PairObject)

HPyDef_SLOT(Pair_new, HPy_tp_new)
static HPy Pair_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    HPy a, b;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO", &a, &b))
        return HPy_NULL;
    PairObject *p;
    HPy h = HPy_New(ctx, cls, &p);
    if (HPy_IsNull(h))
        return HPy_NULL;
    HPyField_Store(ctx, h, &p->first, a);
    HPyField_Store(ctx, h, &p->second, b); /* BUG: field-not-traversed */
    return h;
}

HPyDef_SLOT(Pair_traverse, HPy_tp_traverse)
static int Pair_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    PairObject *p = (PairObject *)self;
    HPy_VISIT(&p->first); /* ...and p->second is forgotten */
    return 0;
}

HPyDef_METH(Pair_second, "second", HPyFunc_NOARGS)
static HPy Pair_second_impl(HPyContext *ctx, HPy self)
{
    return HPyField_Load(ctx, self, PairObject_AsStruct(ctx, self)->second);
}

static HPyDef *Pair_defines[] = { &Pair_new, &Pair_traverse, &Pair_second, NULL };
static HPyType_Spec Pair_spec = {
    .name = "traverse_forgets_field.Pair",
    .basicsize = sizeof(PairObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Pair_defines,
};

HPyDef_SLOT(tff_exec, HPy_mod_exec)
static int tff_exec_impl(HPyContext *ctx, HPy m)
{
    HPy t = HPyType_FromSpec(ctx, &Pair_spec, NULL);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Pair", t);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *defines[] = { &tff_exec, NULL };
static HPyModuleDef moduledef = { .doc = "tp_traverse forgets a field", .defines = defines };
HPy_MODINIT(traverse_forgets_field, moduledef)
