/* tracker_after_close: a result added to the tracker after it was closed. */
#include "hpy.h"

HPyDef_METH(plus_one, "plus_one", HPyFunc_O)
static HPy plus_one_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPyTracker ht = HPyTracker_New(ctx, 2);
    HPy one = HPyLong_FromLong(ctx, 1);
    HPyTracker_Add(ctx, ht, one);
    HPy sum = HPy_Add(ctx, arg, one);
    HPyTracker_Close(ctx, ht);
    if (HPy_IsNull(sum))
        return HPy_NULL;
    HPy result = HPy_Dup(ctx, sum);
    HPyTracker_Add(ctx, ht, sum); /* BUG: tracker-closed */
    HPy_Close(ctx, sum);
    return result;
}

static HPyDef *defines[] = { &plus_one, NULL };
static HPyModuleDef moduledef = { .doc = "tracker use after close", .defines = defines };
HPy_MODINIT(tracker_after_close, moduledef)
