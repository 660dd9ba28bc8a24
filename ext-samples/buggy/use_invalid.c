/* use_invalid: an HPyGlobal's raw value mistaken for a handle (use-invalid). */
#include "hpy.h"

static HPyGlobal g_default;

static int mod_exec(HPyContext *ctx, HPy m)
{
    HPy v = HPyLong_FromLong(ctx, 7);
    if (HPy_IsNull(v))
        return -1;
    HPyGlobal_Store(ctx, &g_default, v);
    HPy_Close(ctx, v);
    return 0;
}
HPyDef_SLOT(exec_def, HPy_mod_exec)
static int exec_def_impl(HPyContext *ctx, HPy m) { return mod_exec(ctx, m); }

HPyDef_METH(get_default, "get_default", HPyFunc_NOARGS)
static HPy get_default_impl(HPyContext *ctx, HPy self)
{
    HPy h = { g_default._i }; /* should have been HPyGlobal_Load */
    return HPy_Dup(ctx, h); /* BUG: use-invalid */
}

static HPyDef *defines[] = { &exec_def, &get_default, NULL };
static HPyGlobal *globals[] = { &g_default, NULL };
static HPyModuleDef moduledef = { .doc = "a value that is not a handle", .defines = defines, .globals = globals };
HPy_MODINIT(use_invalid, moduledef)
