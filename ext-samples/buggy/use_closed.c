/* use_closed: a temporary closed too early, then used (use-closed). */
#include "hpy.h"

HPyDef_METH(twice, "twice", HPyFunc_O)
static HPy twice_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy two = HPyLong_FromLong(ctx, 2);
    if (HPy_IsNull(two))
        return HPy_NULL;
    HPy_Close(ctx, two); /* "cleanup" moved above its last use */
    return HPy_Multiply(ctx, arg, two); /* BUG: use-closed */
}

static HPyDef *defines[] = { &twice, NULL };
static HPyModuleDef moduledef = { .doc = "use after close", .defines = defines };
HPy_MODINIT(use_closed, moduledef)
