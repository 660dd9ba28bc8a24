/*
 * Bad sample: calls a function that no library defines. Linking a shared
 * object allows undefined symbols, so the file builds; a host that loads with
 * dlopen(RTLD_NOW) must refuse it at load time instead of crashing at the
 * first call.
 */
#include "hpy.h"

extern void hpymove_no_such_symbol(void);

HPyDef_METH(call_missing, "call_missing", HPyFunc_NOARGS,
            .doc = "Call a function that does not exist.")
static HPy call_missing_impl(HPyContext *ctx, HPy self)
{
    hpymove_no_such_symbol();
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *module_defines[] = {&call_missing, NULL};

static HPyModuleDef moduledef = {
    .doc = "Bad sample: an unresolved external symbol.",
    .defines = module_defines,
};

HPy_MODINIT(unresolved_symbol, moduledef)
