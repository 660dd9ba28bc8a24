/*
 * fieldbugs: deliberate misuse of HPyField, for the tests of hpymove's checks. It writes
 * raw values into fields and stores fields where no tp_traverse can see them: never run
 * it on CPython, where the same misuse corrupts memory.
 *
 *  - Holder(): a payload {long tag; HPyField item;} (`item` at payload offset 8), with a
 *    tp_traverse; h.item is an OBJECT member;
 *  - set(h, x) / get(h): HPyField_Store / HPyField_Load of `item`;
 *  - peek(h) -> int: the raw content of `item`; poke(h, n): writes n into it raw (what a
 *    missed HPyField_Store, a stale copy or a stray write amounts to);
 *  - store_untraced(x): stores x in a field of an object whose type has no tp_traverse.
 */
#include "hpy.h"

typedef struct {
    long tag;
    HPyField item;
} HolderObject;

HPyType_HELPERS(HolderObject)

HPyDef_SLOT(Holder_traverse, HPy_tp_traverse)
static int Holder_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    HPy_VISIT(&((HolderObject *)self)->item);
    return 0;
}

HPyDef_MEMBER(Holder_item, "item", HPyMember_OBJECT, offsetof(HolderObject, item))

static HPyDef *Holder_defines[] = {&Holder_traverse, &Holder_item, NULL};

static HPyType_Spec Holder_spec = {
    .name = "fieldbugs.Holder",
    .basicsize = sizeof(HolderObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Holder_defines,
};

typedef struct {
    long tag;
    HPyField item;
} UntracedObject;

HPyType_HELPERS(UntracedObject)

static HPyType_Spec Untraced_spec = {
    .name = "fieldbugs.Untraced",
    .basicsize = sizeof(UntracedObject),
    .flags = HPy_TPFLAGS_DEFAULT,
};

HPyDef_METH(fb_set, "set", HPyFunc_VARARGS)
static HPy fb_set_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    if (nargs != 2) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "set(holder, x)");
        return HPy_NULL;
    }
    HolderObject *h = HolderObject_AsStruct(ctx, args[0]);
    HPyField_Store(ctx, args[0], &h->item, args[1]);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(fb_get, "get", HPyFunc_O)
static HPy fb_get_impl(HPyContext *ctx, HPy self, HPy holder)
{
    HolderObject *h = HolderObject_AsStruct(ctx, holder);
    return HPyField_Load(ctx, holder, h->item);
}

HPyDef_METH(fb_peek, "peek", HPyFunc_O)
static HPy fb_peek_impl(HPyContext *ctx, HPy self, HPy holder)
{
    HolderObject *h = HolderObject_AsStruct(ctx, holder);
    return HPyLong_FromLongLong(ctx, (long long)h->item._i);
}

HPyDef_METH(fb_poke, "poke", HPyFunc_VARARGS)
static HPy fb_poke_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    if (nargs != 2) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "poke(holder, n)");
        return HPy_NULL;
    }
    long long v = HPyLong_AsLongLong(ctx, args[1]);
    if (v == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    HolderObject *h = HolderObject_AsStruct(ctx, args[0]);
    h->item._i = (intptr_t)v;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(fb_store_untraced, "store_untraced", HPyFunc_O)
static HPy fb_store_untraced_impl(HPyContext *ctx, HPy self, HPy x)
{
    HPy t = HPyType_FromSpec(ctx, &Untraced_spec, NULL);
    if (HPy_IsNull(t))
        return HPy_NULL;
    UntracedObject *u;
    HPy h = HPy_New(ctx, t, &u);
    HPy_Close(ctx, t);
    if (HPy_IsNull(h))
        return HPy_NULL;
    HPyField_Store(ctx, h, &u->item, x);
    return h;
}

HPyDef_SLOT(fb_exec, HPy_mod_exec)
static int fb_exec_impl(HPyContext *ctx, HPy m)
{
    HPy t = HPyType_FromSpec(ctx, &Holder_spec, NULL);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Holder", t);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *module_defines[] = {&fb_exec, &fb_set, &fb_get, &fb_peek, &fb_poke,
                                   &fb_store_untraced, NULL};

static HPyModuleDef moduledef = {
    .doc = "Deliberate misuse of HPyField (for hpymove's tests only).",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(fieldbugs, moduledef)
