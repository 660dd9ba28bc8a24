/* bytes_after_close: a HPyBytes_AsString pointer kept after its handle was closed
 * (raw-pointer-after-close). */
#include "hpy.h"

HPyDef_METH(first_char, "first_char", HPyFunc_O)
static HPy first_char_impl(HPyContext *ctx, HPy self, HPy arg)
{
    HPy b = HPyUnicode_AsUTF8String(ctx, arg);
    if (HPy_IsNull(b))
        return HPy_NULL;
    const char *s = HPyBytes_AsString(ctx, b);
    HPy_Close(ctx, b); /* the pointer is valid only while `b` is open */
    long c = s[0]; /* BUG: raw-pointer-after-close */
    return HPyLong_FromLong(ctx, c);
}

static HPyDef *defines[] = { &first_char, NULL };
static HPyModuleDef moduledef = { .doc = "a raw pointer after close", .defines = defines };
HPy_MODINIT(bytes_after_close, moduledef)
