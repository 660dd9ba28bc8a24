/* return_arg: an identity fast path returns the argument handle itself. */
#include "hpy.h"

HPyDef_METH(as_int, "as_int", HPyFunc_O)
static HPy as_int_impl(HPyContext *ctx, HPy self, HPy arg)
{
    if (HPy_TypeCheck(ctx, arg, ctx->h_LongType))
        return arg; /* BUG: return-argument */
    return HPy_Long(ctx, arg);
}

static HPyDef *defines[] = { &as_int, NULL };
static HPyModuleDef moduledef = { .doc = "returning an argument", .defines = defines };
HPy_MODINIT(return_arg, moduledef)
