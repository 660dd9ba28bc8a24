/*
 * Bad sample: the HPy_mod_exec slot fails (sets ValueError and returns -1).
 * The import must fail with that very exception.
 */
#include "hpy.h"

HPyDef_SLOT(failing_exec, HPy_mod_exec)
static int failing_exec_impl(HPyContext *ctx, HPy module)
{
    HPyErr_SetString(ctx, ctx->h_ValueError, "exec_raises: mod_exec failed on purpose");
    return -1;
}

static HPyDef *module_defines[] = {&failing_exec, NULL};

static HPyModuleDef moduledef = {
    .doc = "Bad sample: its mod_exec slot raises.",
    .defines = module_defines,
};

HPy_MODINIT(exec_raises, moduledef)
