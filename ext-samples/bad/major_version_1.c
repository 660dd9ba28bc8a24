/*
 * Bad sample: asks for HPy ABI major version 1, which no 0.x host provides.
 * The exports HPy_MODINIT would generate are written by hand so that the
 * version can be chosen.
 */
#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "Bad sample: requires HPy ABI 1.0.",
};

HPy_EXPORTED_FUNC uint32_t get_required_hpy_major_version_major_version_1(void)
{
    return 1;
}

HPy_EXPORTED_FUNC uint32_t get_required_hpy_minor_version_major_version_1(void)
{
    return 0;
}

static HPyContext *given_ctx;

HPy_EXPORTED_FUNC void HPyInitGlobalContext_major_version_1(HPyContext *ctx)
{
    given_ctx = ctx;
    (void)given_ctx;
}

HPy_EXPORTED_FUNC HPyModuleDef *HPyInit_major_version_1(void)
{
    return &moduledef;
}
