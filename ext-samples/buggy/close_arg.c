/* close_arg: the function "consumes" its argument, as a CPython API stealing a reference would. */
#include "hpy.h"

HPyDef_METH(length, "length", HPyFunc_O)
static HPy length_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy_ssize_t n = HPy_Length(ctx, arg);
    HPy_Close(ctx, arg); /* BUG: close-argument */
    if (n < 0)
        return HPy_NULL;
    return HPyLong_FromSsize_t(ctx, n);
}

static HPyDef *defines[] = { &length, NULL };
static HPyModuleDef moduledef = { .doc = "closing an argument", .defines = defines };
HPy_MODINIT(close_arg, moduledef)
