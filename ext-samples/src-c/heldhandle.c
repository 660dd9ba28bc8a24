/*
 * heldhandle: a handle kept in a C static across calls and closed by a later call, as
 * HPy's own test_HPyErr_NewException does. Legal HPy (HPyGlobal is the better tool, but
 * nothing forbids it): the handle outlives the call that opened it, and is a leak only if
 * nothing ever closes it. Debug mode reports such a handle when the run ends, or to an
 * `hpy.debug.LeakDetector` whose block opened it.
 *
 *  - keep(obj): closes the handle kept before, if any, and keeps a new one to obj;
 *  - kept(): the kept object (a new handle), or None;
 *  - release(): closes the kept handle, if any.
 */
#include "hpy.h"

static HPy h_kept;
static int have_kept = 0;

HPyDef_METH(keep, "keep", HPyFunc_O)
static HPy keep_impl(HPyContext *ctx, HPy self, HPy obj)
{
    if (have_kept)
        HPy_Close(ctx, h_kept);
    h_kept = HPy_Dup(ctx, obj); /* KEPT */
    have_kept = 1;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(kept, "kept", HPyFunc_NOARGS)
static HPy kept_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, have_kept ? h_kept : ctx->h_None);
}

HPyDef_METH(release, "release", HPyFunc_NOARGS)
static HPy release_impl(HPyContext *ctx, HPy self)
{
    if (have_kept)
        HPy_Close(ctx, h_kept);
    have_kept = 0;
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &keep, &kept, &release, NULL };
static HPyModuleDef moduledef = {
    .doc = "a handle kept in a C static across calls",
    .defines = defines,
};
HPy_MODINIT(heldhandle, moduledef)
