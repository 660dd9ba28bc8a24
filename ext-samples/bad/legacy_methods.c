/*
 * Bad sample: a module definition with `legacy_methods` (CPython C API
 * functions). Only a host that has the CPython C API can honour them (the
 * hybrid ABI); a pure universal host must refuse the module.
 *
 * Universal mode hides PyMethodDef, so the table is declared here with the
 * same layout. CPython's hpy.universal does accept it.
 */
#include "hpy.h"

/* PyMethodDef's layout: name, C function, METH_* flags, docstring. */
struct legacy_method {
    const char *name;
    void *(*meth)(void *self, void *unused);
    int flags;
    const char *doc;
};

#define LEGACY_METH_NOARGS 0x0004

/* Returning NULL without an exception: CPython reports a SystemError if it
   is ever called. It is there to be refused, not to run. */
static void *legacy_function(void *self, void *unused)
{
    return NULL;
}

static struct legacy_method legacy_table[] = {
    {"legacy_function", legacy_function, LEGACY_METH_NOARGS, "A CPython C API function."},
    {NULL, NULL, 0, NULL},
};

HPyDef_METH(hello, "hello", HPyFunc_NOARGS,
            .doc = "Return 'hello'.")
static HPy hello_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "hello");
}

static HPyDef *module_defines[] = {&hello, NULL};

static HPyModuleDef moduledef = {
    .doc = "Bad sample: has legacy (CPython C API) methods.",
    .legacy_methods = (cpy_PyMethodDef *)legacy_table,
    .defines = module_defines,
};

HPy_MODINIT(legacy_methods, moduledef)
