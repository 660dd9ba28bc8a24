/*
 * fields: object graphs held in C payloads through HPyField, under a moving GC.
 *
 *  - Node(value, next=None): a linked-list cell; `next` is an HPyField exposed as an
 *    OBJECT member (readable and writable from Python); make_list(n), list_sum(node);
 *  - Tree: a binary tree node with two HPyFields (left, right); build_tree(depth) builds
 *    a complete tree of 2**depth - 1 nodes valued 1, 2, 3, ... in C; t.sum(), t.count(),
 *    t.left / t.right (OBJECT_EX members: AttributeError when empty);
 *  - Vertex(name): a graph node whose edges are HPyFields in a malloc'ed array that grows
 *    (memory the extension allocated itself, visited by tp_traverse, freed in
 *    tp_destroy); v.connect(w), v.neighbors(); cycles are collected;
 *  - Phoenix(tag): tp_finalize resurrects the object once (stores it in a module global),
 *    as CPython's PEP 442 allows; Mortal(fail=0): a finalizer that does not resurrect
 *    (and raises if `fail`);
 *  - counts(): {type: (created, finalized, destroyed)}, exact on every host.
 */
#include <stdlib.h>
#include <string.h>

#include "hpy.h"

static long node_created, node_destroyed;
static long tree_created, tree_destroyed;
static long vertex_created, vertex_destroyed;
static long phoenix_created, phoenix_finalized, phoenix_destroyed;
static long mortal_created, mortal_finalized, mortal_destroyed;

static HPyGlobal node_type, tree_type, graveyard;

/* ------------------------------------------------------------------ Node */

typedef struct {
    long value;
    HPyField next;
} NodeObject;

HPyType_HELPERS(NodeObject)

static HPy new_node(HPyContext *ctx, HPy type, long value, HPy next)
{
    NodeObject *n;
    HPy h = HPy_New(ctx, type, &n);
    if (HPy_IsNull(h))
        return HPy_NULL;
    n->value = value;
    if (!HPy_IsNull(next) && !HPy_Is(ctx, next, ctx->h_None))
        HPyField_Store(ctx, h, &n->next, next);
    node_created++;
    return h;
}

HPyDef_SLOT(Node_new, HPy_tp_new)
static HPy Node_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long value;
    HPy next = HPy_NULL;
    static const char *kwlist[] = {"value", "next", NULL};
    HPyTracker ht;
    if (!HPyArg_ParseKeywordsDict(ctx, &ht, args, nargs, kw, "l|O", kwlist, &value, &next))
        return HPy_NULL;
    HPy h = new_node(ctx, cls, value, next);
    HPyTracker_Close(ctx, ht);
    return h;
}

HPyDef_SLOT(Node_traverse, HPy_tp_traverse)
static int Node_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    NodeObject *n = (NodeObject *)self;
    HPy_VISIT(&n->next);
    return 0;
}

HPyDef_SLOT(Node_destroy, HPy_tp_destroy)
static void Node_destroy_impl(void *obj)
{
    node_destroyed++;
}

HPyDef_MEMBER(Node_value, "value", HPyMember_LONG, offsetof(NodeObject, value))
HPyDef_MEMBER(Node_next, "next", HPyMember_OBJECT, offsetof(NodeObject, next))

static HPyDef *Node_defines[] = {&Node_new, &Node_traverse, &Node_destroy, &Node_value,
                                 &Node_next, NULL};

static HPyType_Spec Node_spec = {
    .name = "fields.Node",
    .basicsize = sizeof(NodeObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Node_defines,
};

HPyDef_METH(fields_make_list, "make_list", HPyFunc_O,
            .doc = "make_list(n): the nodes n-1 -> ... -> 0, built in C")
static HPy fields_make_list_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long n = HPyLong_AsLong(ctx, arg);
    if (n == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    HPy type = HPyGlobal_Load(ctx, node_type);
    HPy head = HPy_Dup(ctx, ctx->h_None);
    for (long i = 0; i < n; i++) {
        HPy h = new_node(ctx, type, i, head);
        HPy_Close(ctx, head);
        if (HPy_IsNull(h)) {
            HPy_Close(ctx, type);
            return HPy_NULL;
        }
        head = h;
    }
    HPy_Close(ctx, type);
    return head;
}

HPyDef_METH(fields_list_sum, "list_sum", HPyFunc_O,
            .doc = "list_sum(node): the sum of the values along the `next` fields")
static HPy fields_list_sum_impl(HPyContext *ctx, HPy self, HPy node)
{
    HPy type = HPyGlobal_Load(ctx, node_type);
    long total = 0;
    HPy cur = HPy_Dup(ctx, node);
    while (!HPy_Is(ctx, cur, ctx->h_None)) {
        if (!HPy_TypeCheck(ctx, cur, type)) {
            HPy_Close(ctx, cur);
            HPy_Close(ctx, type);
            HPyErr_SetString(ctx, ctx->h_TypeError, "list_sum() expects a Node or None");
            return HPy_NULL;
        }
        NodeObject *n = NodeObject_AsStruct(ctx, cur);
        total += n->value;
        HPy next = HPyField_IsNull(n->next) ? HPy_Dup(ctx, ctx->h_None)
                                            : HPyField_Load(ctx, cur, n->next);
        HPy_Close(ctx, cur);
        cur = next;
    }
    HPy_Close(ctx, cur);
    HPy_Close(ctx, type);
    return HPyLong_FromLong(ctx, total);
}

/* ------------------------------------------------------------------ Tree */

typedef struct {
    long value;
    HPyField left;
    HPyField right;
} TreeObject;

HPyType_HELPERS(TreeObject)

HPyDef_SLOT(Tree_traverse, HPy_tp_traverse)
static int Tree_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    TreeObject *t = (TreeObject *)self;
    HPy_VISIT(&t->left);
    HPy_VISIT(&t->right);
    return 0;
}

HPyDef_SLOT(Tree_destroy, HPy_tp_destroy)
static void Tree_destroy_impl(void *obj)
{
    tree_destroyed++;
}

/* Builds the subtree of depth `depth` whose root gets the number *next (preorder). */
static HPy build(HPyContext *ctx, HPy type, int depth, long *next)
{
    TreeObject *t;
    HPy h = HPy_New(ctx, type, &t);
    if (HPy_IsNull(h))
        return HPy_NULL;
    tree_created++;
    t->value = (*next)++;
    if (depth > 1) {
        HPy l = build(ctx, type, depth - 1, next);
        if (HPy_IsNull(l))
            goto fail;
        /* `t` stays valid: a payload does not move while a handle to its owner is open. */
        HPyField_Store(ctx, h, &t->left, l);
        HPy_Close(ctx, l);
        HPy r = build(ctx, type, depth - 1, next);
        if (HPy_IsNull(r))
            goto fail;
        HPyField_Store(ctx, h, &t->right, r);
        HPy_Close(ctx, r);
    }
    return h;
fail:
    HPy_Close(ctx, h);
    return HPy_NULL;
}

HPyDef_METH(fields_build_tree, "build_tree", HPyFunc_O,
            .doc = "build_tree(depth): a complete tree of 2**depth - 1 nodes valued 1, 2, ...")
static HPy fields_build_tree_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long depth = HPyLong_AsLong(ctx, arg);
    if (depth == -1 && HPyErr_Occurred(ctx))
        return HPy_NULL;
    if (depth < 1 || depth > 30) {
        HPyErr_SetString(ctx, ctx->h_ValueError, "depth must be in 1..30");
        return HPy_NULL;
    }
    HPy type = HPyGlobal_Load(ctx, tree_type);
    long next = 1;
    HPy h = build(ctx, type, (int)depth, &next);
    HPy_Close(ctx, type);
    return h;
}

/* Sums and counts the subtree; the recursion is as deep as the tree. The fields are read
 * from the payload at each load (a copy kept in a local variable across an API call
 * would be stale after the collection that call may run). */
static int walk(HPyContext *ctx, HPy h, long *sum, long *count)
{
    TreeObject *t = TreeObject_AsStruct(ctx, h);
    *sum += t->value;
    *count += 1;
    for (int i = 0; i < 2; i++) {
        HPyField f = i == 0 ? t->left : t->right;
        if (HPyField_IsNull(f))
            continue;
        HPy k = HPyField_Load(ctx, h, f);
        if (HPy_IsNull(k))
            return -1;
        int r = walk(ctx, k, sum, count);
        HPy_Close(ctx, k);
        if (r < 0)
            return -1;
    }
    return 0;
}

HPyDef_METH(Tree_sum, "sum", HPyFunc_NOARGS, .doc = "the sum of the values of the subtree")
static HPy Tree_sum_impl(HPyContext *ctx, HPy self)
{
    long sum = 0, count = 0;
    if (walk(ctx, self, &sum, &count) < 0)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, sum);
}

HPyDef_METH(Tree_count, "count", HPyFunc_NOARGS, .doc = "the number of nodes of the subtree")
static HPy Tree_count_impl(HPyContext *ctx, HPy self)
{
    long sum = 0, count = 0;
    if (walk(ctx, self, &sum, &count) < 0)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, count);
}

HPyDef_MEMBER(Tree_value, "value", HPyMember_LONG, offsetof(TreeObject, value), .readonly = 1)
HPyDef_MEMBER(Tree_left, "left", HPyMember_OBJECT_EX, offsetof(TreeObject, left))
HPyDef_MEMBER(Tree_right, "right", HPyMember_OBJECT_EX, offsetof(TreeObject, right))

static HPyDef *Tree_defines[] = {&Tree_traverse, &Tree_destroy, &Tree_sum, &Tree_count,
                                 &Tree_value, &Tree_left, &Tree_right, NULL};

static HPyType_Spec Tree_spec = {
    .name = "fields.Tree",
    .basicsize = sizeof(TreeObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Tree_defines,
};

/* ------------------------------------------------------------------ Vertex */

typedef struct {
    long id;
    HPy_ssize_t n, cap;
    HPyField *edges; /* malloc'ed by the extension, visited by tp_traverse */
} VertexObject;

HPyType_HELPERS(VertexObject)

HPyDef_SLOT(Vertex_new, HPy_tp_new)
static HPy Vertex_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long id;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "l", &id))
        return HPy_NULL;
    VertexObject *v;
    HPy h = HPy_New(ctx, cls, &v);
    if (HPy_IsNull(h))
        return HPy_NULL;
    v->id = id;
    vertex_created++;
    return h;
}

HPyDef_SLOT(Vertex_traverse, HPy_tp_traverse)
static int Vertex_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    VertexObject *v = (VertexObject *)self;
    for (HPy_ssize_t i = 0; i < v->n; i++)
        HPy_VISIT(&v->edges[i]);
    return 0;
}

HPyDef_SLOT(Vertex_destroy, HPy_tp_destroy)
static void Vertex_destroy_impl(void *obj)
{
    VertexObject *v = (VertexObject *)obj;
    free(v->edges);
    v->edges = NULL;
    vertex_destroyed++;
}

HPyDef_METH(Vertex_connect, "connect", HPyFunc_O, .doc = "adds an edge to another vertex")
static HPy Vertex_connect_impl(HPyContext *ctx, HPy self, HPy other)
{
    HPy type = HPy_Type(ctx, self);
    int ok = HPy_TypeCheck(ctx, other, type);
    HPy_Close(ctx, type);
    if (!ok) {
        HPyErr_SetString(ctx, ctx->h_TypeError, "connect() expects a Vertex");
        return HPy_NULL;
    }
    VertexObject *v = VertexObject_AsStruct(ctx, self);
    if (v->n == v->cap) {
        HPy_ssize_t cap = v->cap ? 2 * v->cap : 2;
        HPyField *e = (HPyField *)realloc(v->edges, cap * sizeof(HPyField));
        if (e == NULL)
            return HPyErr_NoMemory(ctx);
        v->edges = e;
        v->cap = cap;
    }
    v->edges[v->n] = HPyField_NULL;
    v->n++;
    HPyField_Store(ctx, self, &v->edges[v->n - 1], other);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_METH(Vertex_neighbors, "neighbors", HPyFunc_NOARGS, .doc = "the vertices connected to")
static HPy Vertex_neighbors_impl(HPyContext *ctx, HPy self)
{
    VertexObject *v = VertexObject_AsStruct(ctx, self);
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    for (HPy_ssize_t i = 0; i < v->n; i++) {
        HPy w = HPyField_Load(ctx, self, v->edges[i]);
        if (HPy_IsNull(w) || HPyList_Append(ctx, list, w) < 0) {
            HPy_Close(ctx, w);
            HPy_Close(ctx, list);
            return HPy_NULL;
        }
        HPy_Close(ctx, w);
    }
    return list;
}

HPyDef_MEMBER(Vertex_id, "id", HPyMember_LONG, offsetof(VertexObject, id), .readonly = 1)

static HPyDef *Vertex_defines[] = {&Vertex_new, &Vertex_traverse, &Vertex_destroy,
                                   &Vertex_connect, &Vertex_neighbors, &Vertex_id, NULL};

static HPyType_Spec Vertex_spec = {
    .name = "fields.Vertex",
    .basicsize = sizeof(VertexObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Vertex_defines,
};

/* ------------------------------------------------------------------ Phoenix, Mortal */

typedef struct {
    long tag;
    HPyField keep; /* something the object keeps alive (and its finalizer reads) */
} PhoenixObject;

HPyType_HELPERS(PhoenixObject)

HPyDef_SLOT(Phoenix_new, HPy_tp_new)
static HPy Phoenix_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long tag;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "l", &tag))
        return HPy_NULL;
    PhoenixObject *p;
    HPy h = HPy_New(ctx, cls, &p);
    if (HPy_IsNull(h))
        return HPy_NULL;
    p->tag = tag;
    HPy keep = HPyLong_FromLong(ctx, tag * 1000);
    if (HPy_IsNull(keep)) {
        HPy_Close(ctx, h);
        return HPy_NULL;
    }
    HPyField_Store(ctx, h, &p->keep, keep);
    HPy_Close(ctx, keep);
    phoenix_created++;
    return h;
}

HPyDef_SLOT(Phoenix_traverse, HPy_tp_traverse)
static int Phoenix_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    HPy_VISIT(&((PhoenixObject *)self)->keep);
    return 0;
}

/* Runs once per object (HAVE_GC: CPython finalizes a GC object once, and so do we). The
 * first finalizer to run keeps its object alive by storing it in `graveyard`. */
HPyDef_SLOT(Phoenix_finalize, HPy_tp_finalize)
static void Phoenix_finalize_impl(HPyContext *ctx, HPy self)
{
    phoenix_finalized++;
    PhoenixObject *p = PhoenixObject_AsStruct(ctx, self);
    HPy keep = HPyField_Load(ctx, self, p->keep); /* the API is usable in a finalizer */
    long v = HPyLong_AsLong(ctx, keep);
    HPy_Close(ctx, keep);
    if (v != p->tag * 1000)
        HPy_FatalError(ctx, "Phoenix: the field lost its value");
    HPy g = HPyGlobal_Load(ctx, graveyard);
    if (HPy_Is(ctx, g, ctx->h_None))
        HPyGlobal_Store(ctx, &graveyard, self);
    HPy_Close(ctx, g);
}

HPyDef_SLOT(Phoenix_destroy, HPy_tp_destroy)
static void Phoenix_destroy_impl(void *obj)
{
    phoenix_destroyed++;
}

HPyDef_MEMBER(Phoenix_tag, "tag", HPyMember_LONG, offsetof(PhoenixObject, tag), .readonly = 1)

static HPyDef *Phoenix_defines[] = {&Phoenix_new, &Phoenix_traverse, &Phoenix_finalize,
                                    &Phoenix_destroy, &Phoenix_tag, NULL};

static HPyType_Spec Phoenix_spec = {
    .name = "fields.Phoenix",
    .basicsize = sizeof(PhoenixObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Phoenix_defines,
};

typedef struct {
    long fail;
} MortalObject;

HPyType_HELPERS(MortalObject)

HPyDef_SLOT(Mortal_new, HPy_tp_new)
static HPy Mortal_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long fail = 0;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "|l", &fail))
        return HPy_NULL;
    MortalObject *m;
    HPy h = HPy_New(ctx, cls, &m);
    if (HPy_IsNull(h))
        return HPy_NULL;
    m->fail = fail;
    mortal_created++;
    return h;
}

HPyDef_SLOT(Mortal_traverse, HPy_tp_traverse)
static int Mortal_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    return 0;
}

/* Mortal(1) has a finalizer that raises: hpymove reports the error as CPython's
 * collector does ("Exception ignored in garbage collection") and destroys the object all
 * the same. (CPython with hpy.universal leaves the error set when the finalizer runs from
 * a reference count drop, so only hpymove's tests use it.) */
HPyDef_SLOT(Mortal_finalize, HPy_tp_finalize)
static void Mortal_finalize_impl(HPyContext *ctx, HPy self)
{
    mortal_finalized++;
    if (MortalObject_AsStruct(ctx, self)->fail)
        HPyErr_SetString(ctx, ctx->h_RuntimeError, "Mortal: a finalizer that fails");
}

HPyDef_SLOT(Mortal_destroy, HPy_tp_destroy)
static void Mortal_destroy_impl(void *obj)
{
    mortal_destroyed++;
}

static HPyDef *Mortal_defines[] = {&Mortal_new, &Mortal_traverse, &Mortal_finalize,
                                   &Mortal_destroy, NULL};

static HPyType_Spec Mortal_spec = {
    .name = "fields.Mortal",
    .basicsize = sizeof(MortalObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Mortal_defines,
};

/* ------------------------------------------------------------------ module */

HPyDef_METH(fields_graveyard, "graveyard", HPyFunc_NOARGS,
            .doc = "the object a Phoenix finalizer resurrected (None if none)")
static HPy fields_graveyard_impl(HPyContext *ctx, HPy self)
{
    return HPyGlobal_Load(ctx, graveyard);
}

HPyDef_METH(fields_clear_graveyard, "clear_graveyard", HPyFunc_NOARGS)
static HPy fields_clear_graveyard_impl(HPyContext *ctx, HPy self)
{
    HPyGlobal_Store(ctx, &graveyard, ctx->h_None);
    return HPy_Dup(ctx, ctx->h_None);
}

static int put_counts(HPyContext *ctx, HPy d, const char *name, long c, long f, long x)
{
    HPy t = HPy_BuildValue(ctx, "(lll)", c, f, x);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetItem_s(ctx, d, name, t);
    HPy_Close(ctx, t);
    return r;
}

HPyDef_METH(fields_counts, "counts", HPyFunc_NOARGS,
            .doc = "{type name: (created, finalized, destroyed)}")
static HPy fields_counts_impl(HPyContext *ctx, HPy self)
{
    HPy d = HPyDict_New(ctx);
    if (HPy_IsNull(d))
        return HPy_NULL;
    if (put_counts(ctx, d, "Node", node_created, 0, node_destroyed) < 0 ||
        put_counts(ctx, d, "Tree", tree_created, 0, tree_destroyed) < 0 ||
        put_counts(ctx, d, "Vertex", vertex_created, 0, vertex_destroyed) < 0 ||
        put_counts(ctx, d, "Phoenix", phoenix_created, phoenix_finalized, phoenix_destroyed) < 0 ||
        put_counts(ctx, d, "Mortal", mortal_created, mortal_finalized, mortal_destroyed) < 0) {
        HPy_Close(ctx, d);
        return HPy_NULL;
    }
    return d;
}

static int add_type(HPyContext *ctx, HPy m, const char *name, HPyType_Spec *spec,
                    HPyGlobal *keep)
{
    HPy t = HPyType_FromSpec(ctx, spec, NULL);
    if (HPy_IsNull(t))
        return -1;
    if (keep != NULL)
        HPyGlobal_Store(ctx, keep, t);
    int r = HPy_SetAttr_s(ctx, m, name, t);
    HPy_Close(ctx, t);
    return r;
}

HPyDef_SLOT(fields_exec, HPy_mod_exec)
static int fields_exec_impl(HPyContext *ctx, HPy m)
{
    HPyGlobal_Store(ctx, &graveyard, ctx->h_None);
    if (add_type(ctx, m, "Node", &Node_spec, &node_type) < 0 ||
        add_type(ctx, m, "Tree", &Tree_spec, &tree_type) < 0 ||
        add_type(ctx, m, "Vertex", &Vertex_spec, NULL) < 0 ||
        add_type(ctx, m, "Phoenix", &Phoenix_spec, NULL) < 0 ||
        add_type(ctx, m, "Mortal", &Mortal_spec, NULL) < 0)
        return -1;
    return 0;
}

static HPyDef *module_defines[] = {&fields_exec, &fields_make_list, &fields_list_sum,
                                   &fields_build_tree, &fields_graveyard,
                                   &fields_clear_graveyard, &fields_counts, NULL};

static HPyGlobal *module_globals[] = {&node_type, &tree_type, &graveyard, NULL};

static HPyModuleDef moduledef = {
    .globals = module_globals,
    .doc = "Object graphs in C payloads through HPyField.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(fields, moduledef)
