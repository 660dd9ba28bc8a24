/*
 * ctxvars: context variables through the HPy API.
 *
 *  - new(name[, default]): HPyContextVar_New;
 *  - get(var[, default]): HPyContextVar_Get, returning (found, value) where found is
 *    False (and value None) when the variable has no value and no default;
 *  - set(var, value): HPyContextVar_Set, returning the token.
 */
#include "hpy.h"

HPyDef_METH(cv_new, "new", HPyFunc_VARARGS)
static HPy cv_new_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    const char *name;
    HPy def = HPy_NULL;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "s|O", &name, &def))
        return HPy_NULL;
    return HPyContextVar_New(ctx, name, def);
}

HPyDef_METH(cv_get, "get", HPyFunc_VARARGS)
static HPy cv_get_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy var, def = HPy_NULL;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "O|O", &var, &def))
        return HPy_NULL;
    HPy result = HPy_NULL;
    if (HPyContextVar_Get(ctx, var, def, &result) < 0)
        return HPy_NULL;
    if (HPy_IsNull(result))
        return HPy_BuildValue(ctx, "(OO)", ctx->h_False, ctx->h_None);
    HPy r = HPy_BuildValue(ctx, "(OO)", ctx->h_True, result);
    HPy_Close(ctx, result);
    return r;
}

HPyDef_METH(cv_set, "set", HPyFunc_VARARGS)
static HPy cv_set_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    if (nargs != 2) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "set(var, value)");
        return HPy_NULL;
    }
    return HPyContextVar_Set(ctx, args[0], args[1]);
}

static HPyDef *module_defines[] = {&cv_new, &cv_get, &cv_set, NULL};

static HPyModuleDef moduledef = {
    .doc = "Context variables through the HPy API.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(ctxvars, moduledef)
