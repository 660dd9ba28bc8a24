/* double_close: an error path closes, and the common cleanup closes again. */
#include "hpy.h"

HPyDef_METH(describe, "describe", HPyFunc_O)
static HPy describe_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy r = HPy_Repr(ctx, arg);
    if (HPy_IsNull(r))
        return HPy_NULL;
    HPy result = HPy_NULL;
    if (HPyUnicode_Check(ctx, r)) {
        result = HPy_Dup(ctx, r);
        HPy_Close(ctx, r);
    }
    HPy_Close(ctx, r); /* BUG: double-close */
    return result;
}

static HPyDef *defines[] = { &describe, NULL };
static HPyModuleDef moduledef = { .doc = "double close", .defines = defines };
HPy_MODINIT(double_close, moduledef)
