/*
 * Bad sample: a module method whose signature is no HPyFunc_Signature value (and which has
 * no impl: the signature is refused first). ValueError on the reference host.
 */
#include "hpy.h"

static HPyDef f = {
    .kind = HPyDef_Kind_Meth,
    .meth = {
        .name = "f",
        .signature = (HPyFunc_Signature)1234,
    },
};

static HPyDef *module_defines[] = {&f, NULL};

static HPyModuleDef moduledef = {
    .defines = module_defines,
};

HPy_MODINIT(bad_signature, moduledef)
