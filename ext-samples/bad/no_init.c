/*
 * Bad sample: exports everything HPy_MODINIT would, except the
 * HPyInit_no_init entry point. Written by hand for that reason.
 */
#include "hpy.h"

HPy_EXPORTED_FUNC uint32_t get_required_hpy_major_version_no_init(void)
{
    return HPY_ABI_VERSION;
}

HPy_EXPORTED_FUNC uint32_t get_required_hpy_minor_version_no_init(void)
{
    return HPY_ABI_VERSION_MINOR;
}

/* The context the host hands over; nothing here uses it. */
static HPyContext *given_ctx;

HPy_EXPORTED_FUNC void HPyInitGlobalContext_no_init(HPyContext *ctx)
{
    given_ctx = ctx;
    (void)given_ctx;
}
