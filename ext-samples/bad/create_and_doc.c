/*
 * Bad sample: an HPy_mod_create slot in a definition that also has a docstring (a field
 * not at its default value). HPy refuses it (SystemError on the reference host).
 */
#include "hpy.h"

HPyDef_SLOT(create, HPy_mod_create)
static HPy create_impl(HPyContext *ctx, HPy spec)
{
    return HPyLong_FromLong(ctx, 1);
}

static HPyDef *module_defines[] = {&create, NULL};

static HPyModuleDef moduledef = {
    .doc = "a docstring that a module made by HPy_mod_create cannot have",
    .defines = module_defines,
};

HPy_MODINIT(create_and_doc, moduledef)
