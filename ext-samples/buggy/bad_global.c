/* bad_global: a global used before anything stored it (missing from .globals, never set). */
#include "hpy.h"

static HPyGlobal g_cache;

HPyDef_METH(cached, "cached", HPyFunc_NOARGS)
static HPy cached_impl(HPyContext *ctx, HPy self)
{
    return HPyGlobal_Load(ctx, g_cache); /* BUG: invalid-global */
}

static HPyDef *defines[] = { &cached, NULL };
static HPyModuleDef moduledef = { .doc = "a global never issued", .defines = defines };
HPy_MODINIT(bad_global, moduledef)
