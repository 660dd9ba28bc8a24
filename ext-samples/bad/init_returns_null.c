/*
 * Bad sample: HPyInit_init_returns_null returns NULL instead of a module
 * definition. Exports written by hand for that reason.
 */
#include "hpy.h"

HPy_EXPORTED_FUNC uint32_t get_required_hpy_major_version_init_returns_null(void)
{
    return HPY_ABI_VERSION;
}

HPy_EXPORTED_FUNC uint32_t get_required_hpy_minor_version_init_returns_null(void)
{
    return HPY_ABI_VERSION_MINOR;
}

static HPyContext *given_ctx;

HPy_EXPORTED_FUNC void HPyInitGlobalContext_init_returns_null(HPyContext *ctx)
{
    given_ctx = ctx;
    (void)given_ctx;
}

HPy_EXPORTED_FUNC HPyModuleDef *HPyInit_init_returns_null(void)
{
    return NULL;
}
