/* close_constant: a default taken from ctx->h_None without HPy_Dup, closed at the end. */
#include "hpy.h"

HPyDef_METH(or_none, "or_none", HPyFunc_VARARGS)
static HPy or_none_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy value = nargs > 0 ? HPy_Dup(ctx, args[0]) : ctx->h_None;
    HPy result = HPy_Repr(ctx, value);
    HPy_Close(ctx, value); /* BUG: close-constant */
    return result;
}

static HPyDef *defines[] = { &or_none, NULL };
static HPyModuleDef moduledef = { .doc = "closing a constant", .defines = defines };
HPy_MODINIT(close_constant, moduledef)
