/* leak in a method of an extension type: the name handle is not closed when it is empty. */
#include "hpy.h"

typedef struct {
    long hits;
} CounterObject;

HPyType_HELPERS(CounterObject)

HPyDef_METH(Counter_greet, "greet", HPyFunc_O)
static HPy Counter_greet_impl(HPyContext *ctx, HPy self, HPy name)
{
    CounterObject *c = CounterObject_AsStruct(ctx, self);
    c->hits++;
    HPy text = HPy_Str(ctx, name); /* BUG: leak */
    if (HPy_IsNull(text))
        return HPy_NULL;
    if (HPy_Length(ctx, text) == 0)
        return HPyLong_FromLong(ctx, c->hits); /* forgot HPy_Close(ctx, text) here */
    return text;
}

static HPyDef *Counter_defines[] = { &Counter_greet, NULL };

static HPyType_Spec Counter_spec = {
    .name = "leak_in_method.Counter",
    .basicsize = sizeof(CounterObject),
    .builtin_shape = CounterObject_SHAPE,
    .defines = Counter_defines,
};

HPyDef_SLOT(exec_counter, HPy_mod_exec)
static int exec_counter_impl(HPyContext *ctx, HPy m)
{
    if (!HPyHelpers_AddType(ctx, m, "Counter", &Counter_spec, NULL))
        return -1;
    return 0;
}

static HPyDef *defines[] = { &exec_counter, NULL };
static HPyModuleDef moduledef = { .doc = "a leak in a method", .defines = defines };
HPy_MODINIT(leak_in_method, moduledef)
