/* keep_arg: an argument handle kept in a C static, without HPy_Dup, and used by a later
 * call, when the call that received it has returned and closed it. */
#include "hpy.h"

static HPy h_kept;

HPyDef_METH(remember, "remember", HPyFunc_O)
static HPy remember_impl(HPyContext *ctx, HPy self, HPy arg)
{
    h_kept = arg; /* should be HPy_Dup(ctx, arg) */
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(recall_length, "recall_length", HPyFunc_O)
static HPy recall_length_impl(HPyContext *ctx, HPy self, HPy other)
{
    HPy_ssize_t n = HPy_Length(ctx, h_kept); /* BUG: use-closed */
    if (n < 0)
        return HPy_NULL;
    return HPyLong_FromSsize_t(ctx, n);
}

static HPyDef *defines[] = { &remember, &recall_length, NULL };
static HPyModuleDef moduledef = { .doc = "an argument handle kept", .defines = defines };
HPy_MODINIT(keep_arg, moduledef)
