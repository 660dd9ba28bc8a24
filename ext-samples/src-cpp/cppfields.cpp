/*
 * cppfields: an extension in C++ whose payload owns a C++ object.
 *
 *  - Bag(): its payload holds a pointer to a `Contents` object (a std::vector of HPyField
 *    and a std::string label); tp_traverse visits every field of the vector, tp_destroy
 *    runs the C++ destructor (`delete`). b.add(x), b[i], len(b), b.items(), b.label;
 *  - destructed(): how many `Contents` destructors ran (exact on every host).
 */
#include <string>
#include <vector>

#include "hpy.h"

static long contents_alive = 0;
static long contents_destructed = 0;

// The C++ part of a Bag: allocated with new, destroyed with delete in tp_destroy.
struct Contents {
    std::vector<HPyField> items;
    std::string label;

    explicit Contents(std::string l) : label(std::move(l)) { contents_alive++; }
    ~Contents()
    {
        contents_alive--;
        contents_destructed++;
    }
};

typedef struct {
    Contents *contents;
} BagObject;

HPyType_HELPERS(BagObject)

HPyDef_SLOT(Bag_new, HPy_tp_new)
static HPy Bag_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    const char *label = "bag";
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "|s", &label))
        return HPy_NULL;
    std::string copy(label); // `label` points into the argument: copy it before any call
    BagObject *b;
    HPy h = HPy_New(ctx, cls, &b);
    if (HPy_IsNull(h))
        return HPy_NULL;
    try {
        b->contents = new Contents(std::move(copy));
    } catch (const std::bad_alloc &) {
        HPy_Close(ctx, h);
        return HPyErr_NoMemory(ctx);
    }
    return h;
}

HPyDef_SLOT(Bag_traverse, HPy_tp_traverse)
static int Bag_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    BagObject *b = static_cast<BagObject *>(self);
    if (b->contents != nullptr)
        for (HPyField &f : b->contents->items)
            HPy_VISIT(&f);
    return 0;
}

HPyDef_SLOT(Bag_destroy, HPy_tp_destroy)
static void Bag_destroy_impl(void *obj)
{
    BagObject *b = static_cast<BagObject *>(obj);
    delete b->contents;
    b->contents = nullptr;
}

HPyDef_METH(Bag_add, "add", HPyFunc_O, .doc = "appends an object")
static HPy Bag_add_impl(HPyContext *ctx, HPy self, HPy item)
{
    Contents *c = BagObject_AsStruct(ctx, self)->contents;
    try {
        c->items.push_back(HPyField_NULL);
    } catch (const std::bad_alloc &) {
        return HPyErr_NoMemory(ctx);
    }
    // The vector may have reallocated: fields are plain values, copied with it, and the
    // new element is written with HPyField_Store like every field.
    HPyField_Store(ctx, self, &c->items.back(), item);
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_SLOT(Bag_len, HPy_sq_length)
static HPy_ssize_t Bag_len_impl(HPyContext *ctx, HPy self)
{
    return (HPy_ssize_t)BagObject_AsStruct(ctx, self)->contents->items.size();
}

HPyDef_SLOT(Bag_item, HPy_sq_item)
static HPy Bag_item_impl(HPyContext *ctx, HPy self, HPy_ssize_t i)
{
    Contents *c = BagObject_AsStruct(ctx, self)->contents;
    if (i < 0 || (size_t)i >= c->items.size()) {
        HPyErr_SetString(ctx, ctx->h_IndexError, "Bag index out of range");
        return HPy_NULL;
    }
    return HPyField_Load(ctx, self, c->items[(size_t)i]);
}

HPyDef_METH(Bag_items, "items", HPyFunc_NOARGS, .doc = "a list of the objects")
static HPy Bag_items_impl(HPyContext *ctx, HPy self)
{
    Contents *c = BagObject_AsStruct(ctx, self)->contents;
    HPy list = HPyList_New(ctx, 0);
    if (HPy_IsNull(list))
        return HPy_NULL;
    for (size_t i = 0; i < c->items.size(); i++) {
        HPy x = HPyField_Load(ctx, self, c->items[i]);
        int r = HPy_IsNull(x) ? -1 : HPyList_Append(ctx, list, x);
        HPy_Close(ctx, x);
        if (r < 0) {
            HPy_Close(ctx, list);
            return HPy_NULL;
        }
    }
    return list;
}

HPyDef_GET(Bag_label, "label", .doc = "the label given at creation")
static HPy Bag_label_get(HPyContext *ctx, HPy self, void *closure)
{
    const std::string &l = BagObject_AsStruct(ctx, self)->contents->label;
    return HPyUnicode_FromString(ctx, l.c_str());
}

static HPyDef *Bag_defines[] = {&Bag_new, &Bag_traverse, &Bag_destroy, &Bag_add, &Bag_len,
                                &Bag_item, &Bag_items, &Bag_label, nullptr};

static HPyType_Spec Bag_spec = {
    .name = "cppfields.Bag",
    .basicsize = sizeof(BagObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_HAVE_GC,
    .defines = Bag_defines,
};

HPyDef_METH(cpp_destructed, "destructed", HPyFunc_NOARGS,
            .doc = "(destructors run, Contents objects alive)")
static HPy cpp_destructed_impl(HPyContext *ctx, HPy self)
{
    return HPy_BuildValue(ctx, "(ll)", contents_destructed, contents_alive);
}

HPyDef_SLOT(cpp_exec, HPy_mod_exec)
static int cpp_exec_impl(HPyContext *ctx, HPy m)
{
    HPy t = HPyType_FromSpec(ctx, &Bag_spec, nullptr);
    if (HPy_IsNull(t))
        return -1;
    int r = HPy_SetAttr_s(ctx, m, "Bag", t);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *module_defines[] = {&cpp_exec, &cpp_destructed, nullptr};

static HPyModuleDef moduledef = {
    .doc = "A C++ extension whose payload owns a C++ object.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(cppfields, moduledef)
