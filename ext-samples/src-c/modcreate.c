/*
 * Sample: a module made by its HPy_mod_create slot instead of by the host. HPy allows
 * nothing else in such a definition (no methods, exec slots, doc or globals), and the
 * object returned must not be a module: here, a list describing the spec it was given.
 */
#include "hpy.h"

HPyDef_SLOT(create, HPy_mod_create)
static HPy create_impl(HPyContext *ctx, HPy spec)
{
    HPy name = HPy_GetAttr_s(ctx, spec, "name");
    if (HPy_IsNull(name))
        return HPy_NULL;
    HPy answer = HPyLong_FromLong(ctx, 42);
    if (HPy_IsNull(answer)) {
        HPy_Close(ctx, name);
        return HPy_NULL;
    }
    HPy items[] = {name, answer};
    HPy result = HPyTuple_FromArray(ctx, items, 2);
    HPy_Close(ctx, name);
    HPy_Close(ctx, answer);
    return result;
}

static HPyDef *module_defines[] = {&create, NULL};

static HPyModuleDef moduledef = {
    .defines = module_defines,
};

HPy_MODINIT(modcreate, moduledef)
