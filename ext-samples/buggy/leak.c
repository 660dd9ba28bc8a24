/* leak: an item handle not closed on the "skip" branch of a loop. */
#include "hpy.h"

HPyDef_METH(count_true, "count_true", HPyFunc_O)
static HPy count_true_impl(HPyContext *ctx, HPy self, HPy seq)
{
    HPy_ssize_t n = HPy_Length(ctx, seq), count = 0;
    if (n < 0)
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < n; i++) {
        HPy item = HPy_GetItem_i(ctx, seq, i); /* BUG: leak */
        if (HPy_IsNull(item))
            return HPy_NULL;
        int t = HPy_IsTrue(ctx, item);
        if (!t)
            continue; /* forgot HPy_Close(ctx, item) here */
        count++;
        HPy_Close(ctx, item);
    }
    return HPyLong_FromSsize_t(ctx, count);
}

static HPyDef *defines[] = { &count_true, NULL };
static HPyModuleDef moduledef = { .doc = "a leak", .defines = defines };
HPy_MODINIT(leak, moduledef)
