/*
 * hostcompat: host behaviours HPy's own test suite expects, each as CPython with
 * hpy.universal (the reference host) behaves.
 *
 *  - Text(s): default shape (Object), basicsize 0, base `str` (HPy's
 *    docs/examples/hpytype-example/builtin_type.c `Dummy`); Count(n): the same with `int`;
 *  - Var(): a type with `itemsize` != 0 (accepted; HPy_New allocates `basicsize`);
 *    make_var_call_type(): `itemsize` with HPy_tp_call, a TypeError;
 *  - Blob(): a type with the buffer slots (bf_getbuffer, bf_releasebuffer);
 *  - Caller(x): HPy_tp_call, and tp_new gives instances with a negative x their own call
 *    function (HPy_SetCallFunction); set_call(obj) gives any object that call function;
 *  - Manual(): an explicit `__vectorcalloffset__` member whose HPyCallFunction tp_new
 *    writes into the struct;
 *  - Cmp(v): tp_richcompare returning a tuple (op, other), not a bool; richcompare(a, b,
 *    op) is HPy_RichCompare;
 *  - ascii_of(obj): HPyUnicode_FromFormat("%A"); ipow3(a, b, c): HPy_InPlacePower;
 *    ctxvar_set(var, v): HPyContextVar_Set's token; new_ctxvar(): a ContextVar;
 *  - Members(): a writable HPyMember_NONE member and a read-only one;
 *  - Slots(v): tp_hash (v itself), nb_index, tp_str, nb_add, sq_length, sq_item,
 *    sq_ass_item, each reachable as a method (`s.__hash__()`, `s.__setitem__(i, x)`).
 *  - Plain: the default shape without a struct, subclassable; Dual: bases (int, Plain),
 *    the default shape (HPy's test_issubtype `Dual`); type_name(t): HPyType_GetName;
 *    is_subtype(a, b): HPyType_IsSubtype.
 */
#include <stddef.h>
#include <stdint.h>

#include "hpy.h"

/* ------------------------------------------------------------------ builtin bases */

static HPyType_Spec Text_spec = {
    .name = "hostcompat.Text",
    .basicsize = 0,
};

static HPyType_Spec Count_spec = {
    .name = "hostcompat.Count",
    .basicsize = 0,
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
};

static HPyType_Spec Plain_spec = {
    .name = "hostcompat.Plain",
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
};

static HPyType_Spec Dual_spec = {
    .name = "hostcompat.Dual",
};

static int add_dual(HPyContext *ctx, HPy m)
{
    HPy plain = HPy_GetAttr_s(ctx, m, "Plain");
    if (HPy_IsNull(plain))
        return -1;
    HPyType_SpecParam params[] = {
        {HPyType_SpecParam_Base, ctx->h_LongType},
        {HPyType_SpecParam_Base, plain},
        {(HPyType_SpecParam_Kind)0},
    };
    HPy dual = HPyType_FromSpec(ctx, &Dual_spec, params);
    HPy_Close(ctx, plain);
    if (HPy_IsNull(dual))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Dual", dual);
    HPy_Close(ctx, dual);
    return r;
}

HPyDef_METH(type_name, "type_name", HPyFunc_O, .doc = "HPyType_GetName(t).")
static HPy type_name_impl(HPyContext *ctx, HPy self, HPy t)
{
    const char *name = HPyType_GetName(ctx, t);
    if (name == NULL)
        return HPy_NULL;
    return HPyUnicode_FromString(ctx, name);
}

HPyDef_METH(is_subtype, "is_subtype", HPyFunc_VARARGS, .doc = "HPyType_IsSubtype(a, b).")
static HPy is_subtype_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy a, b;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO", &a, &b))
        return HPy_NULL;
    return HPyLong_FromLong(ctx, HPyType_IsSubtype(ctx, a, b));
}

/* ------------------------------------------------------------------ itemsize */

typedef struct {
    long a;
} VarObject;

HPyType_HELPERS(VarObject)

HPyDef_SLOT(Var_new, HPy_tp_new)
static HPy Var_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    VarObject *v;
    HPy h = HPy_New(ctx, cls, &v);
    if (HPy_IsNull(h))
        return HPy_NULL;
    v->a = 7;
    return h;
}

HPyDef_MEMBER(Var_a, "a", HPyMember_LONG, offsetof(VarObject, a), .readonly = 1)

static HPyDef *Var_defines[] = {&Var_new, &Var_a, NULL};

static HPyType_Spec Var_spec = {
    .name = "hostcompat.Var",
    .basicsize = sizeof(VarObject),
    .itemsize = sizeof(intptr_t),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Var_defines,
};

HPyDef_SLOT(VarCall_call, HPy_tp_call)
static HPy VarCall_call_impl(HPyContext *ctx, HPy callable, const HPy *args, size_t nargs,
                             HPy kwnames)
{
    return HPyUnicode_FromString(ctx, "never");
}

static HPyDef *VarCall_defines[] = {&VarCall_call, NULL};

static HPyType_Spec VarCall_spec = {
    .name = "hostcompat.VarCall",
    .itemsize = sizeof(intptr_t),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = VarCall_defines,
};

HPyDef_METH(make_var_call_type, "make_var_call_type", HPyFunc_NOARGS,
            .doc = "HPyType_FromSpec with itemsize and HPy_tp_call: a TypeError.")
static HPy make_var_call_type_impl(HPyContext *ctx, HPy self)
{
    return HPyType_FromSpec(ctx, &VarCall_spec, NULL);
}

/* ------------------------------------------------------------------ buffer slots */

typedef struct {
    int exports;
} BlobObject;

HPyType_HELPERS(BlobObject)

static char blob_bytes[4] = {1, 2, 3, 4};
static HPy_ssize_t blob_shape[1] = {4};
static HPy_ssize_t blob_strides[1] = {1};

HPyDef_SLOT(Blob_getbuffer, HPy_bf_getbuffer)
static int Blob_getbuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf, int flags)
{
    BlobObject *b = BlobObject_AsStruct(ctx, self);
    b->exports++;
    buf->buf = blob_bytes;
    buf->len = 4;
    buf->itemsize = 1;
    buf->readonly = 1;
    buf->ndim = 1;
    buf->format = (char *)"B";
    buf->shape = blob_shape;
    buf->strides = blob_strides;
    buf->suboffsets = NULL;
    buf->internal = NULL;
    buf->obj = HPy_Dup(ctx, self);
    return 0;
}

HPyDef_SLOT(Blob_releasebuffer, HPy_bf_releasebuffer)
static void Blob_releasebuffer_impl(HPyContext *ctx, HPy self, HPy_buffer *buf)
{
    BlobObject_AsStruct(ctx, self)->exports--;
}

HPyDef_MEMBER(Blob_exports, "exports", HPyMember_INT, offsetof(BlobObject, exports),
              .readonly = 1)

static HPyDef *Blob_defines[] = {&Blob_getbuffer, &Blob_releasebuffer, &Blob_exports, NULL};

static HPyType_Spec Blob_spec = {
    .name = "hostcompat.Blob",
    .basicsize = sizeof(BlobObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Blob_defines,
};

/* ------------------------------------------------------------------ calls */

typedef struct {
    long x;
} CallerObject;

HPyType_HELPERS(CallerObject)

static HPy caller_result(HPyContext *ctx, HPy callable, size_t nargs, const char *which)
{
    CallerObject *c = CallerObject_AsStruct(ctx, callable);
    return HPy_BuildValue(ctx, "(sln)", which, c->x, (HPy_ssize_t)nargs);
}

HPyDef_SLOT(Caller_call, HPy_tp_call)
static HPy Caller_call_impl(HPyContext *ctx, HPy callable, const HPy *args, size_t nargs,
                            HPy kwnames)
{
    return caller_result(ctx, callable, nargs, "tp_call");
}

HPyDef_CALL_FUNCTION(Caller_own_call)
static HPy Caller_own_call_impl(HPyContext *ctx, HPy callable, const HPy *args, size_t nargs,
                                HPy kwnames)
{
    return HPy_BuildValue(ctx, "(sn)", "own call function", (HPy_ssize_t)nargs);
}

HPyDef_SLOT(Caller_new, HPy_tp_new)
static HPy Caller_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long x = 0;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "|l", &x))
        return HPy_NULL;
    CallerObject *c;
    HPy h = HPy_New(ctx, cls, &c);
    if (HPy_IsNull(h))
        return HPy_NULL;
    c->x = x;
    if (x < 0 && HPy_SetCallFunction(ctx, h, &Caller_own_call) < 0) {
        HPy_Close(ctx, h);
        return HPy_NULL;
    }
    return h;
}

static HPyDef *Caller_defines[] = {&Caller_call, &Caller_new, NULL};

static HPyType_Spec Caller_spec = {
    .name = "hostcompat.Caller",
    .basicsize = sizeof(CallerObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Caller_defines,
};

HPyDef_METH(set_call, "set_call", HPyFunc_O,
            .doc = "HPy_SetCallFunction(obj, own call function); returns obj.")
static HPy set_call_impl(HPyContext *ctx, HPy self, HPy obj)
{
    if (HPy_SetCallFunction(ctx, obj, &Caller_own_call) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, obj);
}

typedef struct {
    void *before;
    HPyCallFunction call_func;
    void *after;
} ManualObject;

HPyType_HELPERS(ManualObject)

HPyDef_MEMBER(Manual_vcall_offset, "__vectorcalloffset__", HPyMember_HPYSSIZET,
              offsetof(ManualObject, call_func), .readonly = 1)

HPyDef_CALL_FUNCTION(Manual_call)
static HPy Manual_call_impl(HPyContext *ctx, HPy callable, const HPy *args, size_t nargs,
                            HPy kwnames)
{
    return HPy_BuildValue(ctx, "(sn)", "manual", (HPy_ssize_t)nargs);
}

HPyDef_SLOT(Manual_new, HPy_tp_new)
static HPy Manual_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    ManualObject *m;
    HPy h = HPy_New(ctx, cls, &m);
    if (HPy_IsNull(h))
        return HPy_NULL;
    m->call_func = Manual_call;
    return h;
}

static HPyDef *Manual_defines[] = {&Manual_vcall_offset, &Manual_new, NULL};

static HPyType_Spec Manual_spec = {
    .name = "hostcompat.Manual",
    .basicsize = sizeof(ManualObject),
    .itemsize = sizeof(intptr_t),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_VECTORCALL,
    .defines = Manual_defines,
};

/* ------------------------------------------------------------------ rich compare */

typedef struct {
    long v;
} CmpObject;

HPyType_HELPERS(CmpObject)

HPyDef_SLOT(Cmp_new, HPy_tp_new)
static HPy Cmp_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long v = 0;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "|l", &v))
        return HPy_NULL;
    CmpObject *c;
    HPy h = HPy_New(ctx, cls, &c);
    if (HPy_IsNull(h))
        return HPy_NULL;
    c->v = v;
    return h;
}

/* Not a bool: a constraint-like tuple (op, other), as numpy-like arrays do. */
HPyDef_SLOT(Cmp_richcompare, HPy_tp_richcompare)
static HPy Cmp_richcompare_impl(HPyContext *ctx, HPy self, HPy other, HPy_RichCmpOp op)
{
    static const char *names[] = {"<", "<=", "==", "!=", ">", ">="};
    return HPy_BuildValue(ctx, "(sO)", names[op], other);
}

HPyDef_MEMBER(Cmp_v, "v", HPyMember_LONG, offsetof(CmpObject, v), .readonly = 1)

static HPyDef *Cmp_defines[] = {&Cmp_new, &Cmp_richcompare, &Cmp_v, NULL};

static HPyType_Spec Cmp_spec = {
    .name = "hostcompat.Cmp",
    .basicsize = sizeof(CmpObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Cmp_defines,
};

HPyDef_METH(richcompare, "richcompare", HPyFunc_VARARGS,
            .doc = "richcompare(a, b, op): HPy_RichCompare, whatever it returns.")
static HPy richcompare_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy a, b;
    int op;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOi", &a, &b, &op))
        return HPy_NULL;
    return HPy_RichCompare(ctx, a, b, (HPy_RichCmpOp)op);
}

/* ------------------------------------------------------------------ members */

typedef struct {
    long n;
} MembersObject;

HPyType_HELPERS(MembersObject)

HPyDef_MEMBER(Members_none_rw, "none_rw", HPyMember_NONE, offsetof(MembersObject, n))
HPyDef_MEMBER(Members_none_ro, "none_ro", HPyMember_NONE, offsetof(MembersObject, n),
              .readonly = 1)

static HPyDef *Members_defines[] = {&Members_none_rw, &Members_none_ro, NULL};

static HPyType_Spec Members_spec = {
    .name = "hostcompat.Members",
    .basicsize = sizeof(MembersObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Members_defines,
};

/* ------------------------------------------------------------------ slots as methods */

typedef struct {
    long v;
} SlotsObject;

HPyType_HELPERS(SlotsObject)

HPyDef_SLOT(Slots_new, HPy_tp_new)
static HPy Slots_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long v = 0;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "|l", &v))
        return HPy_NULL;
    SlotsObject *s;
    HPy h = HPy_New(ctx, cls, &s);
    if (HPy_IsNull(h))
        return HPy_NULL;
    s->v = v;
    return h;
}

HPyDef_SLOT(Slots_hash, HPy_tp_hash)
static HPy_ssize_t Slots_hash_impl(HPyContext *ctx, HPy self)
{
    return SlotsObject_AsStruct(ctx, self)->v;
}

HPyDef_SLOT(Slots_index, HPy_nb_index)
static HPy Slots_index_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, SlotsObject_AsStruct(ctx, self)->v);
}

HPyDef_SLOT(Slots_str, HPy_tp_str)
static HPy Slots_str_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromFormat(ctx, "Slots<%ld>", SlotsObject_AsStruct(ctx, self)->v);
}

HPyDef_SLOT(Slots_add, HPy_nb_add)
static HPy Slots_add_impl(HPyContext *ctx, HPy a, HPy b)
{
    if (HPyUnicode_Check(ctx, a) || HPyUnicode_Check(ctx, b))
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    return HPy_BuildValue(ctx, "(sOO)", "add", a, b);
}

HPyDef_SLOT(Slots_length, HPy_sq_length)
static HPy_ssize_t Slots_length_impl(HPyContext *ctx, HPy self)
{
    return 3;
}

HPyDef_SLOT(Slots_item, HPy_sq_item)
static HPy Slots_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i)
{
    if (i >= 3) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "Slots index out of range");
        return HPy_NULL;
    }
    return HPyLong_FromLong(ctx, SlotsObject_AsStruct(ctx, self)->v * 10 + (long)i);
}

HPyDef_SLOT(Slots_ass_item, HPy_sq_ass_item)
static int Slots_ass_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i, HPy value)
{
    SlotsObject *s = SlotsObject_AsStruct(ctx, self);
    if (HPy_IsNull(value)) {
        s->v = -123;
        return 0;
    }
    long v = HPyLong_AsLong(ctx, value);
    if (v == -1 && HPyErr_Occurred(ctx))
        return -1;
    s->v = v + (long)i;
    return 0;
}

HPyDef_MEMBER(Slots_v, "v", HPyMember_LONG, offsetof(SlotsObject, v), .readonly = 1)

static HPyDef *Slots_defines[] = {
    &Slots_new, &Slots_hash, &Slots_index, &Slots_str, &Slots_add, &Slots_length,
    &Slots_item, &Slots_ass_item, &Slots_v, NULL,
};

static HPyType_Spec Slots_spec = {
    .name = "hostcompat.Slots",
    .basicsize = sizeof(SlotsObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
    .defines = Slots_defines,
};

/* ------------------------------------------------------------------ functions */

HPyDef_METH(ascii_of, "ascii_of", HPyFunc_O, .doc = "HPyUnicode_FromFormat(\"<%A>\", obj).")
static HPy ascii_of_impl(HPyContext *ctx, HPy self, HPy obj)
{
    return HPyUnicode_FromFormat(ctx, "<%A>", obj);
}

HPyDef_METH(ipow3, "ipow3", HPyFunc_VARARGS, .doc = "HPy_InPlacePower(a, b, c).")
static HPy ipow3_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy a, b, c;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OOO", &a, &b, &c))
        return HPy_NULL;
    return HPy_InPlacePower(ctx, a, b, c);
}

HPyDef_METH(new_ctxvar, "new_ctxvar", HPyFunc_NOARGS, .doc = "A ContextVar 'hostcompat_var'.")
static HPy new_ctxvar_impl(HPyContext *ctx, HPy self)
{
    return HPyContextVar_New(ctx, "hostcompat_var", HPy_NULL);
}

HPyDef_METH(ctxvar_set, "ctxvar_set", HPyFunc_VARARGS,
            .doc = "ctxvar_set(var, value): HPyContextVar_Set's token.")
static HPy ctxvar_set_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    HPy var, value;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "OO", &var, &value))
        return HPy_NULL;
    return HPyContextVar_Set(ctx, var, value);
}

/* ------------------------------------------------------------------ module */

static int add_type(HPyContext *ctx, HPy m, const char *name, HPyType_Spec *spec, HPy base)
{
    HPyType_SpecParam params[] = {
        {HPyType_SpecParam_Base, base},
        {(HPyType_SpecParam_Kind)0},
    };
    return HPyHelpers_AddType(ctx, m, name, spec, HPy_IsNull(base) ? NULL : params) ? 0 : -1;
}

HPyDef_SLOT(hostcompat_exec, HPy_mod_exec)
static int hostcompat_exec_impl(HPyContext *ctx, HPy m)
{
    if (add_type(ctx, m, "Text", &Text_spec, ctx->h_UnicodeType) < 0 ||
        add_type(ctx, m, "Count", &Count_spec, ctx->h_LongType) < 0 ||
        add_type(ctx, m, "Var", &Var_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Blob", &Blob_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Caller", &Caller_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Manual", &Manual_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Cmp", &Cmp_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Members", &Members_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Slots", &Slots_spec, HPy_NULL) < 0 ||
        add_type(ctx, m, "Plain", &Plain_spec, HPy_NULL) < 0 || add_dual(ctx, m) < 0)
        return -1;
    return 0;
}

static HPyDef *module_defines[] = {
    &hostcompat_exec, &make_var_call_type, &set_call, &richcompare, &ascii_of, &ipow3,
    &new_ctxvar, &ctxvar_set, &type_name, &is_subtype, NULL,
};

static HPyModuleDef moduledef = {
    .doc = "Host behaviours HPy's test suite expects, as the reference host has them.",
    .defines = module_defines,
};

HPy_MODINIT(hostcompat, moduledef)
