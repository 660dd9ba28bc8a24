/*
 * Bad sample: a module whose `defines` holds a type slot (HPy_tp_repr).
 * Modules accept only methods and the HPy_mod_create / HPy_mod_exec slots.
 */
#include "hpy.h"

HPyDef_SLOT(module_repr, HPy_tp_repr)
static HPy module_repr_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "<not a module slot>");
}

static HPyDef *module_defines[] = {&module_repr, NULL};

static HPyModuleDef moduledef = {
    .doc = "Bad sample: a type slot in a module definition.",
    .defines = module_defines,
};

HPy_MODINIT(invalid_module_slot, moduledef)
