/* return_arg_slot: a type's nb_positive hands back its own argument. */
#include "hpy.h"

typedef struct {
    long v;
} SameObject;

HPyType_HELPERS(SameObject)

HPyDef_SLOT(Same_pos, HPy_nb_positive)
static HPy Same_pos_impl(HPyContext *ctx, HPy self)
{
    return self; /* BUG: return-argument */
}

static HPyDef *Same_defines[] = { &Same_pos, NULL };
static HPyType_Spec Same_spec = {
    .name = "return_arg_slot.Same",
    .basicsize = sizeof(SameObject),
    .defines = Same_defines,
};

HPyDef_SLOT(exec_slot, HPy_mod_exec)
static int exec_slot_impl(HPyContext *ctx, HPy m)
{
    return HPyHelpers_AddType(ctx, m, "Same", &Same_spec, NULL) ? 0 : -1;
}

static HPyDef *defines[] = { &exec_slot, NULL };
static HPyModuleDef moduledef = { .doc = "returning an argument from a slot", .defines = defines };
HPy_MODINIT(return_arg_slot, moduledef)
