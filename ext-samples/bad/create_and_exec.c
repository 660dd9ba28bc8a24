/*
 * Bad sample: an HPy_mod_create slot next to an HPy_mod_exec slot. HPy refuses it: a
 * module made by HPy_mod_create runs no exec slot (SystemError on the reference host).
 */
#include "hpy.h"

HPyDef_SLOT(create, HPy_mod_create)
static HPy create_impl(HPyContext *ctx, HPy spec)
{
    return HPyLong_FromLong(ctx, 1);
}

HPyDef_SLOT(exec, HPy_mod_exec)
static int exec_impl(HPyContext *ctx, HPy mod)
{
    return 0;
}

static HPyDef *module_defines[] = {&create, &exec, NULL};

static HPyModuleDef moduledef = {
    .defines = module_defines,
};

HPy_MODINIT(create_and_exec, moduledef)
