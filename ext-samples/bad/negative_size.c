/*
 * Bad sample: HPyModuleDef.size < 0 (CPython's "no per-module state" value, which HPy
 * does not permit: SystemError on the reference host).
 */
#include "hpy.h"

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 42);
}

static HPyDef *module_defines[] = {&f, NULL};

static HPyModuleDef moduledef = {
    .size = -1,
    .defines = module_defines,
};

HPy_MODINIT(negative_size, moduledef)
