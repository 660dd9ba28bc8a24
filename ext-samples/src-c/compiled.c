/*
 * compiled: source code compiled and run through the HPy API.
 *
 *  - compile(source, filename, kind): HPy_Compile_s, kind 0 = expression, 1 = file,
 *    2 = single statement;
 *  - run(code, globals[, locals]): HPy_EvalCode (locals HPy_NULL when not given).
 */
#include "hpy.h"

HPyDef_METH(cp_compile, "compile", HPyFunc_VARARGS)
static HPy cp_compile_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    const char *source, *filename;
    int kind;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ssi", &source, &filename, &kind))
        return HPy_NULL;
    return HPy_Compile_s(ctx, source, filename, (HPy_SourceKind)kind);
}

HPyDef_METH(cp_run, "run", HPyFunc_VARARGS)
static HPy cp_run_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy code, globals, locals = HPy_NULL;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO|O", &code, &globals, &locals))
        return HPy_NULL;
    return HPy_EvalCode(ctx, code, globals, locals);
}

static HPyDef *module_defines[] = {&cp_compile, &cp_run, NULL};

static HPyModuleDef moduledef = {
    .doc = "Source compiled and run through the HPy API.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(compiled, moduledef)
