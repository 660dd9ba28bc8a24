/*
 * Bad sample: asks for a minor ABI version one above the one of the hpy 0.9
 * headers (a module built by a newer HPy). A host must refuse a minor version
 * above its own. Exports written by hand so that the version can be chosen.
 */
#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "Bad sample: requires a newer minor HPy ABI version.",
};

HPy_EXPORTED_FUNC uint32_t get_required_hpy_major_version_minor_version_future(void)
{
    return HPY_ABI_VERSION;
}

HPy_EXPORTED_FUNC uint32_t get_required_hpy_minor_version_minor_version_future(void)
{
    return HPY_ABI_VERSION_MINOR + 1;
}

static HPyContext *given_ctx;

HPy_EXPORTED_FUNC void HPyInitGlobalContext_minor_version_future(HPyContext *ctx)
{
    given_ctx = ctx;
    (void)given_ctx;
}

HPy_EXPORTED_FUNC HPyModuleDef *HPyInit_minor_version_future(void)
{
    return &moduledef;
}
