/* builder_after_build: the last item set after the list was built. */
#include "hpy.h"

HPyDef_METH(pair, "pair", HPyFunc_VARARGS)
static HPy pair_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    if (nargs != 2) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "pair() takes 2 arguments");
        return HPy_NULL;
    }
    HPyListBuilder b = HPyListBuilder_New(ctx, 2);
    HPyListBuilder_Set(ctx, b, 0, args[0]);
    HPy list = HPyListBuilder_Build(ctx, b);
    HPyListBuilder_Set(ctx, b, 1, args[1]); /* BUG: builder-closed */
    return list;
}

static HPyDef *defines[] = { &pair, NULL };
static HPyModuleDef moduledef = { .doc = "builder use after build", .defines = defines };
HPy_MODINIT(builder_after_build, moduledef)
