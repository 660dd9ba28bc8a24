/*
 * Bad sample: an HPy_mod_create slot next to a method. HPy refuses such a definition: a
 * module made by HPy_mod_create cannot use anything else the definition gives.
 */
#include "hpy.h"

HPyDef_SLOT(create, HPy_mod_create)
static HPy create_impl(HPyContext *ctx, HPy spec)
{
    return HPyLong_FromLong(ctx, 1);
}

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *module_defines[] = {&create, &f, NULL};

static HPyModuleDef moduledef = {
    .defines = module_defines,
};

HPy_MODINIT(create_and_methods, moduledef)
