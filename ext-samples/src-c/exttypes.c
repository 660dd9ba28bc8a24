/*
 * exttypes: types defined by the extension with HPyType_FromSpec.
 *
 *  - Point(x, y): double members (x writable, y read-only), a long member `tag`, a
 *    getset `norm2` and a getset with a closure (`scaled` multiplies x by the closure),
 *    methods with the four signatures, tp_repr, tp_str, tp_richcompare, tp_hash;
 *  - vector(n | iterable of numbers): a numeric array whose numbers live in a malloc'ed
 *    buffer freed in tp_destroy; + - * / with a scalar on either side and
 *    element-wise with another vector, unary -, abs(), len, item get/set
 *    (sq_item, sq_ass_item), in-place +=, `in`, tolist(), bool;
 *  - Counted(): a type counting its destructions (`destroyed()`, `alive()`);
 *  - Callable(k): instances callable through HPy_SetCallFunction (`c(x)` = k*x + kwargs);
 *  - Point3D(x, y, z): a subtype of Point adding a member and overriding tp_repr;
 *  - Adder(): a type with tp_call and mapping slots (mp_subscript, mp_ass_subscript,
 *    mp_length) on a small dict-like table;
 *  - make_bad(kind): type creation that must fail with HPy's errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpy.h"

/* The samples link without libm (-z defs): Newton's method, exact enough for the tests. */
static double sqrt_(double v)
{
    if (v <= 0)
        return 0;
    double x = v > 1 ? v : 1;
    for (int i = 0; i < 200; i++) {
        double nx = 0.5 * (x + v / x);
        if (nx == x)
            break;
        x = nx;
    }
    return x;
}

/* ------------------------------------------------------------------ Point */

typedef struct {
    double x;
    double y;
    long tag;
} PointObject;

HPyType_HELPERS(PointObject)

HPyDef_SLOT(Point_new, HPy_tp_new)
static HPy Point_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    double x = 0, y = 0;
    static const char *kwlist[] = {"x", "y", NULL};
    HPyTracker ht;
    if (!HPyArg_ParseKeywordsDict(ctx, &ht, args, nargs, kw, "|dd", kwlist, &x, &y))
        return HPy_NULL;
    HPyTracker_Close(ctx, ht);
    PointObject *p;
    HPy h = HPy_New(ctx, cls, &p);
    if (HPy_IsNull(h))
        return HPy_NULL;
    p->x = x;
    p->y = y;
    p->tag = 0;
    return h;
}

HPyDef_MEMBER(Point_x, "x", HPyMember_DOUBLE, offsetof(PointObject, x))
HPyDef_MEMBER(Point_y, "y", HPyMember_DOUBLE, offsetof(PointObject, y), .readonly = 1)
HPyDef_MEMBER(Point_tag, "tag", HPyMember_LONG, offsetof(PointObject, tag))

HPyDef_GET(Point_norm2, "norm2", .doc = "x*x + y*y")
static HPy Point_norm2_get(HPyContext *ctx, HPy self, void *closure)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    return HPyFloat_FromDouble(ctx, p->x * p->x + p->y * p->y);
}

static long three = 3;

HPyDef_GETSET(Point_scaled, "scaled", .closure = (void *)&three)
static HPy Point_scaled_get(HPyContext *ctx, HPy self, void *closure)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    return HPyFloat_FromDouble(ctx, p->x * *(long *)closure);
}
static int Point_scaled_set(HPyContext *ctx, HPy self, HPy value, void *closure)
{
    if (HPy_IsNull(value)) {
        HPyErr_SetString(ctx, ctx->h_AttributeError, "cannot delete scaled");
        return -1;
    }
    double v = HPyFloat_AsDouble(ctx, value);
    if (v == -1.0 && HPyErr_Occurred(ctx))
        return -1;
    PointObject_AsStruct(ctx, self)->x = v / *(long *)closure;
    return 0;
}

HPyDef_METH(Point_norm, "norm", HPyFunc_NOARGS, .doc = "the length")
static HPy Point_norm_impl(HPyContext *ctx, HPy self)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    return HPyFloat_FromDouble(ctx, sqrt_(p->x * p->x + p->y * p->y));
}

HPyDef_METH(Point_shifted, "shifted", HPyFunc_O)
static HPy Point_shifted_impl(HPyContext *ctx, HPy self, HPy d)
{
    double dx = HPyFloat_AsDouble(ctx, d);
    if (dx == -1.0 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    PointObject *p = PointObject_AsStruct(ctx, self);
    double x = p->x + dx, y = p->y + dx;
    HPy t = HPy_Type(ctx, self);
    PointObject *q;
    HPy h = HPy_New(ctx, t, &q);
    HPy_Close(ctx, t);
    if (HPy_IsNull(h))
        return HPy_NULL;
    q->x = x;
    q->y = y;
    return h;
}

HPyDef_METH(Point_add_all, "add_all", HPyFunc_VARARGS)
static HPy Point_add_all_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    double s = p->x + p->y;
    for (size_t i = 0; i < nargs; i++) {
        double v = HPyFloat_AsDouble(ctx, args[i]);
        if (v == -1.0 && HPyErr_Occurred(ctx))
            return HPy_NULL;
        s += v;
    }
    return HPyFloat_FromDouble(ctx, s);
}

HPyDef_METH(Point_moved, "moved", HPyFunc_KEYWORDS)
static HPy Point_moved_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    double dx = 0, dy = 0;
    static const char *kwlist[] = {"dx", "dy", NULL};
    HPyTracker ht;
    if (!HPyArg_ParseKeywords(ctx, &ht, args, nargs, kwnames, "|dd", kwlist, &dx, &dy))
        return HPy_NULL;
    HPyTracker_Close(ctx, ht);
    PointObject *p = PointObject_AsStruct(ctx, self);
    return HPy_BuildValue(ctx, "(dd)", p->x + dx, p->y + dy);
}

HPyDef_SLOT(Point_repr, HPy_tp_repr)
static HPy Point_repr_impl(HPyContext *ctx, HPy self)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    HPy x = HPyFloat_FromDouble(ctx, p->x), y = HPyFloat_FromDouble(ctx, p->y);
    HPy r = HPyUnicode_FromFormat(ctx, "Point(%R, %R)", x, y);
    HPy_Close(ctx, x);
    HPy_Close(ctx, y);
    return r;
}

HPyDef_SLOT(Point_str, HPy_tp_str)
static HPy Point_str_impl(HPyContext *ctx, HPy self)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    HPy x = HPyFloat_FromDouble(ctx, p->x), y = HPyFloat_FromDouble(ctx, p->y);
    HPy r = HPyUnicode_FromFormat(ctx, "(%S, %S)", x, y);
    HPy_Close(ctx, x);
    HPy_Close(ctx, y);
    return r;
}

HPyDef_SLOT(Point_richcompare, HPy_tp_richcompare)
static HPy Point_richcompare_impl(HPyContext *ctx, HPy self, HPy other, HPy_RichCmpOp op)
{
    HPy t = HPy_Type(ctx, self);
    int same = HPy_TypeCheck(ctx, other, t);
    HPy_Close(ctx, t);
    if (!same || (op != HPy_EQ && op != HPy_NE))
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    PointObject *a = PointObject_AsStruct(ctx, self), *b = PointObject_AsStruct(ctx, other);
    int eq = a->x == b->x && a->y == b->y;
    return HPy_Dup(ctx, (eq == (op == HPy_EQ)) ? ctx->h_True : ctx->h_False);
}

HPyDef_SLOT(Point_hash, HPy_tp_hash)
static HPy_hash_t Point_hash_impl(HPyContext *ctx, HPy self)
{
    PointObject *p = PointObject_AsStruct(ctx, self);
    HPy t = HPy_BuildValue(ctx, "(dd)", p->x, p->y);
    if (HPy_IsNull(t))
        return -1;
    HPy_hash_t h = HPy_Hash(ctx, t);
    HPy_Close(ctx, t);
    return h;
}

static HPyDef *Point_defines[] = {
    &Point_new, &Point_x, &Point_y, &Point_tag, &Point_norm2, &Point_scaled, &Point_norm,
    &Point_shifted, &Point_add_all, &Point_moved, &Point_repr, &Point_str,
    &Point_richcompare, &Point_hash, NULL,
};

static HPyType_Spec Point_spec = {
    .name = "exttypes.Point",
    .basicsize = sizeof(PointObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
    .defines = Point_defines,
    .doc = "A point in the plane.",
};

/* ------------------------------------------------------------------ Point3D */

typedef struct {
    PointObject base;
    double z;
} Point3DObject;

HPyType_HELPERS(Point3DObject)

HPyDef_MEMBER(Point3D_z, "z", HPyMember_DOUBLE, offsetof(Point3DObject, z))

HPyDef_SLOT(Point3D_repr, HPy_tp_repr)
static HPy Point3D_repr_impl(HPyContext *ctx, HPy self)
{
    Point3DObject *p = Point3DObject_AsStruct(ctx, self);
    HPy x = HPyFloat_FromDouble(ctx, p->base.x), y = HPyFloat_FromDouble(ctx, p->base.y),
        z = HPyFloat_FromDouble(ctx, p->z);
    HPy r = HPyUnicode_FromFormat(ctx, "Point3D(%R, %R, %R)", x, y, z);
    HPy_Close(ctx, x);
    HPy_Close(ctx, y);
    HPy_Close(ctx, z);
    return r;
}

HPyDef_SLOT(Point3D_init, HPy_tp_init)
static int Point3D_init_impl(HPyContext *ctx, HPy self, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    double x = 0, y = 0, z = 0;
    HPyTracker ht;
    static const char *kwlist[] = {"x", "y", "z", NULL};
    if (!HPyArg_ParseKeywordsDict(ctx, &ht, args, nargs, kw, "|ddd", kwlist, &x, &y, &z))
        return -1;
    HPyTracker_Close(ctx, ht);
    Point3DObject *p = Point3DObject_AsStruct(ctx, self);
    p->base.x = x;
    p->base.y = y;
    p->z = z;
    return 0;
}

/* Point's tp_new parses two arguments: Point3D brings its own new (generic) + init. */
HPyDef_SLOT(Point3D_new, HPy_tp_new)
static HPy Point3D_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    return HPyType_GenericNew(ctx, cls, args, nargs, kw);
}

static HPyDef *Point3D_defines[] = {&Point3D_z, &Point3D_repr, &Point3D_init, &Point3D_new, NULL};

static HPyType_Spec Point3D_spec = {
    .name = "exttypes.Point3D",
    .basicsize = sizeof(Point3DObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Point3D_defines,
};

/* ------------------------------------------------------------------ vector */

typedef struct {
    HPy_ssize_t n;
    double *items;
} VectorObject;

HPyType_HELPERS(VectorObject)

static long vector_buffers_freed;
static long vector_buffers_allocated;

static HPy vector_make(HPyContext *ctx, HPy cls, HPy_ssize_t n, VectorObject **out)
{
    VectorObject *v;
    HPy h = HPy_New(ctx, cls, &v);
    if (HPy_IsNull(h))
        return HPy_NULL;
    v->items = calloc(n ? n : 1, sizeof(double));
    if (v->items == NULL) {
        HPy_Close(ctx, h);
        return HPyErr_NoMemory(ctx), HPy_NULL;
    }
    vector_buffers_allocated++;
    v->n = n;
    *out = v;
    return h;
}

HPyDef_SLOT(vector_destroy, HPy_tp_destroy)
static void vector_destroy_impl(void *obj)
{
    VectorObject *v = (VectorObject *)obj;
    if (v->items != NULL) {
        free(v->items);
        v->items = NULL;
        vector_buffers_freed++;
    }
}

/* The vector type, to tell which operand of a binary slot is the vector. */
static HPyGlobal vector_type;

static int is_vector(HPyContext *ctx, HPy o)
{
    HPy t = HPyGlobal_Load(ctx, vector_type);
    int r = HPy_TypeCheck(ctx, o, t);
    HPy_Close(ctx, t);
    return r;
}

static int is_number(HPyContext *ctx, HPy o)
{
    return HPy_TypeCheck(ctx, o, ctx->h_FloatType) || HPy_TypeCheck(ctx, o, ctx->h_LongType);
}

HPyDef_SLOT(vector_new, HPy_tp_new)
static HPy vector_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    if (nargs != 1) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "vector() takes exactly one argument");
        return HPy_NULL;
    }
    VectorObject *v;
    if (HPy_TypeCheck(ctx, args[0], ctx->h_LongType)) {
        HPy_ssize_t n = HPyLong_AsSsize_t(ctx, args[0]);
        if (n == -1 && HPyErr_Occurred(ctx))
            return HPy_NULL;
        if (n < 0) {
            HPyErr_SetString(ctx, ctx->h_ValueError, "negative length");
            return HPy_NULL;
        }
        return vector_make(ctx, cls, n, &v);
    }
    HPy_ssize_t n = HPy_Length(ctx, args[0]);
    if (n < 0)
        return HPy_NULL;
    HPy h = vector_make(ctx, cls, n, &v);
    if (HPy_IsNull(h))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < n; i++) {
        HPy item = HPy_GetItem_i(ctx, args[0], i);
        if (HPy_IsNull(item))
            goto fail;
        double d = HPyFloat_AsDouble(ctx, item);
        HPy_Close(ctx, item);
        if (d == -1.0 && HPyErr_Occurred(ctx))
            goto fail;
        /* The payload does not move: `v` is still valid after the calls above. */
        v->items[i] = d;
    }
    return h;
fail:
    HPy_Close(ctx, h);
    return HPy_NULL;
}

/* op: 0 add, 1 sub, 2 mul, 3 div. Called with the operands in their order (the
   reflected call of `2 * v` gets (2, v)). */
static HPy vector_binop(HPyContext *ctx, HPy a, HPy b, int op)
{
    int vec_left = is_vector(ctx, a);
    HPy vec = vec_left ? a : b, other = vec_left ? b : a;
    VectorObject *v = VectorObject_AsStruct(ctx, vec), *w = NULL;
    double s = 0;
    if (is_number(ctx, other)) {
        s = HPyFloat_AsDouble(ctx, other);
        if (s == -1.0 && HPyErr_Occurred(ctx))
            return HPy_NULL;
    } else if (is_vector(ctx, other)) {
        w = VectorObject_AsStruct(ctx, other);
        if (w->n != v->n) {
            HPyErr_SetString(ctx, ctx->h_ValueError, "vectors of different lengths");
            return HPy_NULL;
        }
    } else {
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    }
    HPy cls = HPy_Type(ctx, vec);
    VectorObject *r;
    HPy h = vector_make(ctx, cls, v->n, &r);
    HPy_Close(ctx, cls);
    if (HPy_IsNull(h))
        return HPy_NULL;
    /* The payloads are stable while the handles are open, even across the calls above. */
    for (HPy_ssize_t i = 0; i < v->n; i++) {
        double x = v->items[i], y = w ? w->items[i] : s;
        if (!vec_left) {
            double tmp = x;
            x = y;
            y = tmp;
        }
        double z;
        switch (op) {
        case 0: z = x + y; break;
        case 1: z = x - y; break;
        case 2: z = x * y; break;
        default:
            if (y == 0) {
                HPy_Close(ctx, h);
                HPyErr_SetString(ctx, ctx->h_ZeroDivisionError, "division by zero");
                return HPy_NULL;
            }
            z = x / y;
        }
        r->items[i] = z;
    }
    return h;
}

HPyDef_SLOT(vector_add, HPy_nb_add)
static HPy vector_add_impl(HPyContext *ctx, HPy a, HPy b) { return vector_binop(ctx, a, b, 0); }
HPyDef_SLOT(vector_sub, HPy_nb_subtract)
static HPy vector_sub_impl(HPyContext *ctx, HPy a, HPy b) { return vector_binop(ctx, a, b, 1); }
HPyDef_SLOT(vector_mul, HPy_nb_multiply)
static HPy vector_mul_impl(HPyContext *ctx, HPy a, HPy b) { return vector_binop(ctx, a, b, 2); }
HPyDef_SLOT(vector_div, HPy_nb_true_divide)
static HPy vector_div_impl(HPyContext *ctx, HPy a, HPy b) { return vector_binop(ctx, a, b, 3); }

HPyDef_SLOT(vector_iadd, HPy_nb_inplace_add)
static HPy vector_iadd_impl(HPyContext *ctx, HPy a, HPy b)
{
    if (!is_number(ctx, b))
        return HPy_Dup(ctx, ctx->h_NotImplemented);
    double s = HPyFloat_AsDouble(ctx, b);
    if (s == -1.0 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    VectorObject *v = VectorObject_AsStruct(ctx, a);
    for (HPy_ssize_t i = 0; i < v->n; i++)
        v->items[i] += s;
    return HPy_Dup(ctx, a);
}

HPyDef_SLOT(vector_neg, HPy_nb_negative)
static HPy vector_neg_impl(HPyContext *ctx, HPy a)
{
    HPy m = HPyLong_FromLong(ctx, -1);
    if (HPy_IsNull(m))
        return HPy_NULL;
    HPy r = vector_binop(ctx, a, m, 2);
    HPy_Close(ctx, m);
    return r;
}

HPyDef_SLOT(vector_abs, HPy_nb_absolute)
static HPy vector_abs_impl(HPyContext *ctx, HPy a)
{
    VectorObject *v = VectorObject_AsStruct(ctx, a);
    double s = 0;
    for (HPy_ssize_t i = 0; i < v->n; i++)
        s += v->items[i] * v->items[i];
    return HPyFloat_FromDouble(ctx, sqrt_(s));
}

HPyDef_SLOT(vector_len, HPy_sq_length)
static HPy_ssize_t vector_len_impl(HPyContext *ctx, HPy a)
{
    return VectorObject_AsStruct(ctx, a)->n;
}

HPyDef_SLOT(vector_item, HPy_sq_item)
static HPy vector_item_impl(HPyContext *ctx, HPy a, HPy_ssize_t i)
{
    VectorObject *v = VectorObject_AsStruct(ctx, a);
    if (i < 0 || i >= v->n) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "vector index out of range");
        return HPy_NULL;
    }
    return HPyFloat_FromDouble(ctx, v->items[i]);
}

HPyDef_SLOT(vector_ass_item, HPy_sq_ass_item)
static int vector_ass_item_impl(HPyContext *ctx, HPy a, HPy_ssize_t i, HPy value)
{
    VectorObject *v = VectorObject_AsStruct(ctx, a);
    if (HPy_IsNull(value)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "vector items cannot be deleted");
        return -1;
    }
    if (i < 0 || i >= v->n) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "vector assignment index out of range");
        return -1;
    }
    double d = HPyFloat_AsDouble(ctx, value);
    if (d == -1.0 && HPyErr_Occurred(ctx))
        return -1;
    v->items[i] = d;
    return 0;
}

HPyDef_SLOT(vector_contains, HPy_sq_contains)
static int vector_contains_impl(HPyContext *ctx, HPy a, HPy x)
{
    if (!is_number(ctx, x))
        return 0;
    double d = HPyFloat_AsDouble(ctx, x);
    if (d == -1.0 && HPyErr_Occurred(ctx))
        return -1;
    VectorObject *v = VectorObject_AsStruct(ctx, a);
    for (HPy_ssize_t i = 0; i < v->n; i++)
        if (v->items[i] == d)
            return 1;
    return 0;
}

HPyDef_METH(vector_tolist, "tolist", HPyFunc_NOARGS)
static HPy vector_tolist_impl(HPyContext *ctx, HPy self)
{
    VectorObject *v = VectorObject_AsStruct(ctx, self);
    HPyListBuilder lb = HPyListBuilder_New(ctx, v->n);
    for (HPy_ssize_t i = 0; i < v->n; i++) {
        HPy f = HPyFloat_FromDouble(ctx, v->items[i]);
        if (HPy_IsNull(f)) {
            HPyListBuilder_Cancel(ctx, lb);
            return HPy_NULL;
        }
        HPyListBuilder_Set(ctx, lb, i, f);
        HPy_Close(ctx, f);
    }
    return HPyListBuilder_Build(ctx, lb);
}

HPyDef_SLOT(vector_repr, HPy_tp_repr)
static HPy vector_repr_impl(HPyContext *ctx, HPy self)
{
    HPy l = vector_tolist_impl(ctx, self);
    if (HPy_IsNull(l))
        return HPy_NULL;
    HPy r = HPyUnicode_FromFormat(ctx, "vector(%R)", l);
    HPy_Close(ctx, l);
    return r;
}

static HPyDef *vector_defines[] = {
    &vector_new, &vector_destroy, &vector_add, &vector_sub, &vector_mul, &vector_div,
    &vector_iadd, &vector_neg, &vector_abs, &vector_len, &vector_item, &vector_ass_item,
    &vector_contains, &vector_tolist, &vector_repr, NULL,
};

static HPyType_Spec vector_spec = {
    .name = "exttypes.vector",
    .basicsize = sizeof(VectorObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = vector_defines,
};

/* ------------------------------------------------------------------ Counted */

typedef struct {
    long serial;
} CountedObject;

static long counted_created;
static long counted_destroyed;

HPyDef_SLOT(Counted_new, HPy_tp_new)
static HPy Counted_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    CountedObject *c;
    HPy h = HPy_New(ctx, cls, &c);
    if (!HPy_IsNull(h))
        c->serial = ++counted_created;
    return h;
}

HPyDef_SLOT(Counted_destroy, HPy_tp_destroy)
static void Counted_destroy_impl(void *obj)
{
    CountedObject *c = (CountedObject *)obj;
    if (c->serial > 0) {
        counted_destroyed++;
        c->serial = -c->serial; /* a second destroy of the same payload would not count */
    }
}

HPyDef_MEMBER(Counted_serial, "serial", HPyMember_LONG, offsetof(CountedObject, serial), .readonly = 1)

static HPyDef *Counted_defines[] = {&Counted_new, &Counted_destroy, &Counted_serial, NULL};

static HPyType_Spec Counted_spec = {
    .name = "exttypes.Counted",
    .basicsize = sizeof(CountedObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Counted_defines,
};

HPyDef_METH(counts, "counts", HPyFunc_NOARGS)
static HPy counts_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(llll)", counted_created, counted_destroyed,
                          vector_buffers_allocated, vector_buffers_freed);
}

/* ------------------------------------------------------------------ Callable */

typedef struct {
    void *vectorcall;
    long k;
} CallableObject;

HPyType_HELPERS(CallableObject)

HPyDef_MEMBER(Callable_vcall, "__vectorcalloffset__", HPyMember_HPYSSIZET,
              offsetof(CallableObject, vectorcall), .readonly = 1)
HPyDef_MEMBER(Callable_k, "k", HPyMember_LONG, offsetof(CallableObject, k))

HPyDef_CALL_FUNCTION(Callable_call)
static HPy Callable_call_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    CallableObject *c = CallableObject_AsStruct(ctx, self);
    long total = 0;
    for (size_t i = 0; i < nargs; i++) {
        long v = HPyLong_AsLong(ctx, args[i]);
        if (v == -1 && HPyErr_Occurred(ctx))
            return HPy_NULL;
        total += c->k * v;
    }
    HPy_ssize_t nkw = HPy_IsNull(kwnames) ? 0 : HPy_Length(ctx, kwnames);
    for (HPy_ssize_t i = 0; i < nkw; i++) {
        long v = HPyLong_AsLong(ctx, args[nargs + i]);
        if (v == -1 && HPyErr_Occurred(ctx))
            return HPy_NULL;
        total += v;
    }
    return HPyLong_FromLong(ctx, total);
}

HPyDef_SLOT(Callable_new, HPy_tp_new)
static HPy Callable_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long k = 1;
    HPyTracker ht;
    if (!HPyArg_Parse(ctx, &ht, args, nargs, "|l", &k))
        return HPy_NULL;
    HPyTracker_Close(ctx, ht);
    CallableObject *c;
    HPy h = HPy_New(ctx, cls, &c);
    if (HPy_IsNull(h))
        return HPy_NULL;
    c->k = k;
    if (HPy_SetCallFunction(ctx, h, &Callable_call) < 0) {
        HPy_Close(ctx, h);
        return HPy_NULL;
    }
    return h;
}

static HPyDef *Callable_defines[] = {&Callable_vcall, &Callable_k, &Callable_new, NULL};

static HPyType_Spec Callable_spec = {
    .name = "exttypes.Callable",
    .basicsize = sizeof(CallableObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Callable_defines,
};

/* ------------------------------------------------------------------ Table (tp_call, mp_*) */

#define TABLE_SIZE 8

typedef struct {
    long keys[TABLE_SIZE];
    long values[TABLE_SIZE];
    long used;
} TableObject;

HPyType_HELPERS(TableObject)

static int table_find(TableObject *t, long k)
{
    for (long i = 0; i < t->used; i++)
        if (t->keys[i] == k)
            return (int)i;
    return -1;
}

HPyDef_SLOT(Table_getitem, HPy_mp_subscript)
static HPy Table_getitem_impl(HPyContext *ctx, HPy self, HPy key)
{
    long k = HPyLong_AsLong(ctx, key);
    if (k == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    TableObject *t = TableObject_AsStruct(ctx, self);
    int i = table_find(t, k);
    if (i < 0) {
        HPyErr_SetObject(ctx, ctx->h_KeyError, key);
        return HPy_NULL;
    }
    return HPyLong_FromLong(ctx, t->values[i]);
}

HPyDef_SLOT(Table_setitem, HPy_mp_ass_subscript)
static int Table_setitem_impl(HPyContext *ctx, HPy self, HPy key, HPy value)
{
    long k = HPyLong_AsLong(ctx, key);
    if (k == -1 && HPyErr_Occurred(ctx))
        return -1;
    TableObject *t = TableObject_AsStruct(ctx, self);
    int i = table_find(t, k);
    if (HPy_IsNull(value)) {
        if (i < 0) {
            HPyErr_SetObject(ctx, ctx->h_KeyError, key);
            return -1;
        }
        t->keys[i] = t->keys[t->used - 1];
        t->values[i] = t->values[t->used - 1];
        t->used--;
        return 0;
    }
    long v = HPyLong_AsLong(ctx, value);
    if (v == -1 && HPyErr_Occurred(ctx))
        return -1;
    if (i < 0) {
        if (t->used == TABLE_SIZE) {
            HPyErr_SetString(ctx, ctx->h_OverflowError, "table full");
            return -1;
        }
        i = (int)t->used++;
        t->keys[i] = k;
    }
    t->values[i] = v;
    return 0;
}

HPyDef_SLOT(Table_len, HPy_mp_length)
static HPy_ssize_t Table_len_impl(HPyContext *ctx, HPy self)
{
    return TableObject_AsStruct(ctx, self)->used;
}

HPyDef_SLOT(Table_call, HPy_tp_call)
static HPy Table_call_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs, HPy kwnames)
{
    /* t(k) is t[k] with a default of 0 */
    if (nargs != 1 || !HPy_IsNull(kwnames)) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "Table() call takes one key");
        return HPy_NULL;
    }
    long k = HPyLong_AsLong(ctx, args[0]);
    if (k == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    TableObject *t = TableObject_AsStruct(ctx, self);
    int i = table_find(t, k);
    return HPyLong_FromLong(ctx, i < 0 ? 0 : t->values[i]);
}

HPyDef_SLOT(Table_bool, HPy_nb_bool)
static int Table_bool_impl(HPyContext *ctx, HPy self)
{
    return TableObject_AsStruct(ctx, self)->used > 0;
}

static HPyDef *Table_defines[] = {&Table_getitem, &Table_setitem, &Table_len, &Table_call,
                                  &Table_bool, NULL};

static HPyType_Spec Table_spec = {
    .name = "exttypes.Table",
    .basicsize = sizeof(TableObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .defines = Table_defines,
};

/* ------------------------------------------------------------------ invalid specs */

HPyDef_SLOT(Bad_traverse_dummy, HPy_tp_repr)
static HPy Bad_traverse_dummy_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "bad");
}

typedef struct {
    long a;
} BadObject;

HPyDef_MEMBER(Bad_member, "m", 15, 0)
HPyDef_MEMBER(Bad_member_nosize, "m", HPyMember_LONG, 0)

static HPyDef bad_slot_unknown = {.kind = HPyDef_Kind_Slot, .slot = {(HPySlot_Slot)999, (HPyCFunction)Bad_traverse_dummy_impl, NULL}};

HPyDef_SLOT(Bad_traverse, HPy_tp_traverse)
static int Bad_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    return 0;
}

static HPyDef *defs_repr[] = {&Bad_traverse_dummy, NULL};
static HPyDef *defs_traverse[] = {&Bad_traverse, NULL};
static HPyDef *defs_bad_member[] = {&Bad_member, NULL};
static HPyDef *defs_member_nosize[] = {&Bad_member_nosize, NULL};
static HPyDef *defs_unknown_slot[] = {&bad_slot_unknown, NULL};

HPyDef_METH(make_bad, "make_bad", HPyFunc_O)
static HPy make_bad_impl(HPyContext *ctx, HPy self, HPy arg)
{
    const char *kind = HPyUnicode_AsUTF8AndSize(ctx, arg, NULL);
    if (kind == NULL)
        return HPy_NULL;
    HPyType_Spec spec = {
        .name = "exttypes.Bad",
        .basicsize = sizeof(BadObject),
        .flags = HPy_TPFLAGS_DEFAULT,
        .defines = defs_repr,
    };
    static int dummy_legacy_slots[2];
    if (strcmp(kind, "gc_without_traverse") == 0) {
        spec.flags |= HPy_TPFLAGS_HAVE_GC;
    } else if (strcmp(kind, "legacy_shape") == 0) {
        spec.builtin_shape = HPyType_BuiltinShape_Legacy;
    } else if (strcmp(kind, "legacy_slots") == 0) {
        spec.legacy_slots = dummy_legacy_slots;
    } else if (strcmp(kind, "bad_member_type") == 0) {
        spec.defines = defs_bad_member;
    } else if (strcmp(kind, "members_without_size") == 0) {
        spec.basicsize = 0;
        spec.defines = defs_member_nosize;
    } else if (strcmp(kind, "unknown_slot") == 0) {
        spec.defines = defs_unknown_slot;
    } else if (strcmp(kind, "bad_shape") == 0) {
        spec.builtin_shape = (HPyType_BuiltinShape)42;
    } else if (strcmp(kind, "type_shape_without_base") == 0) {
        /* HPy: "If using this shape, you need to specify base class ctx->h_TypeType" */
        spec.builtin_shape = HPyType_BuiltinShape_Type;
    } else if (strcmp(kind, "dict_shape_on_list") == 0) {
        /* the Dict shape (7) of the later headers, with the wrong base */
        spec.builtin_shape = (HPyType_BuiltinShape)7;
        HPyType_SpecParam p[] = {{HPyType_SpecParam_Base, ctx->h_ListType}, {0}};
        return HPyType_FromSpec(ctx, &spec, p);
    } else if (strcmp(kind, "traverse_on_type_shape") == 0) {
        spec.builtin_shape = HPyType_BuiltinShape_Type;
        spec.defines = defs_traverse;
        HPyType_SpecParam p[] = {{HPyType_SpecParam_Base, ctx->h_TypeType}, {0}};
        return HPyType_FromSpec(ctx, &spec, p);
    } else if (strcmp(kind, "ok") == 0) {
    } else {
        HPyErr_SetString(ctx, ctx->h_ValueError, "unknown kind");
        return HPy_NULL;
    }
    return HPyType_FromSpec(ctx, &spec, NULL);
}

/* ------------------------------------------------------------------ builtin shapes */

/* TaggedStr: a subclass of str (Unicode shape) whose payload carries a tag;
 * TaggedInt: a subclass of int (Long shape), likewise. Both count destructions. */

typedef struct {
    long tag;
} TaggedStrObject;

typedef struct {
    long tag;
} TaggedIntObject;

HPyType_HELPERS(TaggedStrObject, HPyType_BuiltinShape_Unicode)
HPyType_HELPERS(TaggedIntObject, HPyType_BuiltinShape_Long)

static long tagged_str_destroyed, tagged_int_destroyed;

HPyDef_SLOT(TaggedStr_destroy, HPy_tp_destroy)
static void TaggedStr_destroy_impl(void *obj)
{
    TaggedStrObject *t = (TaggedStrObject *)obj;
    if (t->tag != -999) {
        tagged_str_destroyed++;
        t->tag = -999; /* a second destroy of the same payload would not count */
    }
}

HPyDef_MEMBER(TaggedStr_tag, "tag", HPyMember_LONG, offsetof(TaggedStrObject, tag))

HPyDef_METH(TaggedStr_describe, "describe", HPyFunc_NOARGS)
static HPy TaggedStr_describe_impl(HPyContext *ctx, HPy self)
{
    HPy_ssize_t n;
    const char *text = HPyUnicode_AsUTF8AndSize(ctx, self, &n);
    if (text == NULL)
        return HPy_NULL;
    TaggedStrObject *t = TaggedStrObject_AsStruct(ctx, self);
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s#%ld", (int)(n < 200 ? n : 200), text, t->tag);
    return HPyUnicode_FromString(ctx, buf);
}

static HPyDef *TaggedStr_defines[] = {&TaggedStr_destroy, &TaggedStr_tag, &TaggedStr_describe,
                                      NULL};

static HPyType_Spec TaggedStr_spec = {
    .name = "exttypes.TaggedStr",
    .basicsize = sizeof(TaggedStrObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = HPyType_BuiltinShape_Unicode,
    .defines = TaggedStr_defines,
};

HPyDef_SLOT(TaggedInt_destroy, HPy_tp_destroy)
static void TaggedInt_destroy_impl(void *obj)
{
    TaggedIntObject *t = (TaggedIntObject *)obj;
    if (t->tag != -999) {
        tagged_int_destroyed++;
        t->tag = -999;
    }
}

HPyDef_MEMBER(TaggedInt_tag, "tag", HPyMember_LONG, offsetof(TaggedIntObject, tag))

HPyDef_METH(TaggedInt_scaled, "scaled", HPyFunc_NOARGS)
static HPy TaggedInt_scaled_impl(HPyContext *ctx, HPy self)
{
    long v = HPyLong_AsLong(ctx, self);
    if (v == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    return HPyLong_FromLong(ctx, v * TaggedIntObject_AsStruct(ctx, self)->tag);
}

static HPyDef *TaggedInt_defines[] = {&TaggedInt_destroy, &TaggedInt_tag, &TaggedInt_scaled,
                                      NULL};

static HPyType_Spec TaggedInt_spec = {
    .name = "exttypes.TaggedInt",
    .basicsize = sizeof(TaggedIntObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = HPyType_BuiltinShape_Long,
    .defines = TaggedInt_defines,
};

HPyDef_METH(shape_counts, "shape_counts", HPyFunc_NOARGS)
static HPy shape_counts_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(ll)", tagged_str_destroyed, tagged_int_destroyed);
}

/* ------------------------------------------------------------------ module */

static int add_type(HPyContext *ctx, HPy m, const char *name, HPyType_Spec *spec,
                    HPyType_SpecParam *params)
{
    HPy t = HPyType_FromSpec(ctx, spec, params);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, name, t);
    HPy_Close(ctx, t);
    return r;
}

HPyDef_SLOT(exttypes_exec, HPy_mod_exec)
static int exttypes_exec_impl(HPyContext *ctx, HPy m)
{
    if (add_type(ctx, m, "Point", &Point_spec, NULL) < 0)
        return -1;
    HPy point = HPy_GetAttr_s(ctx, m, "Point");
    if (HPy_IsNull(point))
        return -1;
    HPyType_SpecParam params[] = {{HPyType_SpecParam_Base, point}, {0}};
    int r = add_type(ctx, m, "Point3D", &Point3D_spec, params);
    HPy_Close(ctx, point);
    if (r < 0)
        return -1;
    HPy vt = HPyType_FromSpec(ctx, &vector_spec, NULL);
    if (HPy_IsNull(vt))
        return -1;
    HPyGlobal_Store(ctx, &vector_type, vt);
    r = HPy_SetAttr_s(ctx, m, "vector", vt);
    HPy_Close(ctx, vt);
    if (r < 0 ||
        add_type(ctx, m, "Counted", &Counted_spec, NULL) < 0 ||
        add_type(ctx, m, "Callable", &Callable_spec, NULL) < 0 ||
        add_type(ctx, m, "Table", &Table_spec, NULL) < 0)
        return -1;
    HPyType_SpecParam str_params[] = {{HPyType_SpecParam_Base, ctx->h_UnicodeType}, {0}};
    HPyType_SpecParam int_params[] = {{HPyType_SpecParam_Base, ctx->h_LongType}, {0}};
    if (add_type(ctx, m, "TaggedStr", &TaggedStr_spec, str_params) < 0 ||
        add_type(ctx, m, "TaggedInt", &TaggedInt_spec, int_params) < 0)
        return -1;
    return 0;
}

static HPyDef *module_defines[] = {&exttypes_exec, &counts, &make_bad, &shape_counts, NULL};

static HPyGlobal *module_globals[] = {&vector_type, NULL};

static HPyModuleDef moduledef = {
    .globals = module_globals,
    .doc = "Extension-defined types.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(exttypes, moduledef)
