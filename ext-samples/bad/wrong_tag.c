/*
 * Bad sample: a correct module, installed under file names whose ABI tag is
 * wrong: `wrong_tag.so` (no tag at all) and `wrong_tag.hpy1.so` (the tag says
 * major version 1, the module asks for 0). A host must check the tag.
 */
#include "hpy.h"

HPyDef_METH(hello, "hello", HPyFunc_NOARGS,
            .doc = "Return 'hello'.")
static HPy hello_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "hello");
}

static HPyDef *module_defines[] = {&hello, NULL};

static HPyModuleDef moduledef = {
    .doc = "Bad sample: good code under a file name with the wrong ABI tag.",
    .defines = module_defines,
};

HPy_MODINIT(wrong_tag, moduledef)
