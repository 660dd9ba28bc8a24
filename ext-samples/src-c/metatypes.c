/*
 * metatypes: a metaclass with a payload, types made with it, and a dict subclass.
 *
 *  - Meta: a metaclass (HPyType_BuiltinShape_Type, base `type`) whose payload tags each
 *    type made with it: a serial number (member `serial`, read-only), a tag text (member
 *    `tag`, in place), how many instances the type's tp_new made (getset `instances_made`),
 *    a method `describe()` bound to the type, and tp_repr for the types;
 *  - make_type(name, tag): a new type with metaclass Meta (HPyType_SpecParam_Metaclass).
 *    Its instances have a `value` member and a method `meta_tag()` that reads the payload
 *    of their type through `_HPy_AsStruct_Type`;
 *  - make_bad_meta(kind): metaclass parameters that HPy refuses;
 *  - shape_of(type): `_HPyType_GetBuiltinShape`;
 *  - make_tagged_dict_type(): a dict subclass with a payload, with the Dict shape (7) of the
 *    headers after hpy 0.9 and their `_HPy_AsStruct_Dict`. hpy 0.9's own host refuses the
 *    shape (ValueError: invalid shape: 7), so the function is called only when wanted, and
 *    the later context members are used only once the host accepted the shape.
 */
#include <stdio.h>
#include <string.h>

#include "hpy.h"

/* ------------------------------------------------------------------ Meta */

typedef struct {
    long serial;
    long instances;
    char tag[16];
    HPyField note; /* any object, kept by the type through its metaclass payload */
} MetaObject;

HPyType_HELPERS(MetaObject, HPyType_BuiltinShape_Type)

static long types_made;

HPyDef_MEMBER(Meta_serial, "serial", HPyMember_LONG, offsetof(MetaObject, serial), .readonly = 1)
HPyDef_MEMBER(Meta_tag, "tag", HPyMember_STRING_INPLACE, offsetof(MetaObject, tag))
HPyDef_MEMBER(Meta_note, "note", HPyMember_OBJECT, offsetof(MetaObject, note))

HPyDef_SLOT(Meta_traverse, HPy_tp_traverse)
static int Meta_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    HPy_VISIT(&((MetaObject *)self)->note);
    return 0;
}

HPyDef_GET(Meta_instances_made, "instances_made")
static HPy Meta_instances_made_get(HPyContext *ctx, HPy self, void *closure)
{
    return HPyLong_FromLong(ctx, MetaObject_AsStruct(ctx, self)->instances);
}

HPyDef_METH(Meta_describe, "describe", HPyFunc_NOARGS)
static HPy Meta_describe_impl(HPyContext *ctx, HPy self)
{
    MetaObject *m = MetaObject_AsStruct(ctx, self);
    HPy name = HPy_GetAttr_s(ctx, self, "__name__");
    if (HPy_IsNull(name))
        return HPy_NULL;
    /* The payload does not move: `m` is still valid after the call above. */
    HPy r = HPyUnicode_FromFormat(ctx, "%U #%ld [%s] made %ld", name, m->serial, m->tag,
                                  m->instances);
    HPy_Close(ctx, name);
    return r;
}

HPyDef_SLOT(Meta_repr, HPy_tp_repr)
static HPy Meta_repr_impl(HPyContext *ctx, HPy self)
{
    HPy name = HPy_GetAttr_s(ctx, self, "__name__");
    if (HPy_IsNull(name))
        return HPy_NULL;
    HPy r = HPyUnicode_FromFormat(ctx, "<Meta type %U #%ld>", name,
                                  MetaObject_AsStruct(ctx, self)->serial);
    HPy_Close(ctx, name);
    return r;
}

static HPyDef *Meta_defines[] = {&Meta_serial, &Meta_tag, &Meta_note, &Meta_traverse,
                                 &Meta_instances_made, &Meta_describe, &Meta_repr, NULL};

static HPyType_Spec Meta_spec = {
    .name = "metatypes.Meta",
    .basicsize = sizeof(MetaObject),
    .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
    .builtin_shape = SHAPE(MetaObject),
    .defines = Meta_defines,
    .doc = "A metaclass that tags its types.",
};

static HPyGlobal meta_type;

/* ------------------------------------------------------------------ types made with Meta */

typedef struct {
    long value;
} ItemObject;

HPyType_HELPERS(ItemObject)

HPyDef_SLOT(Item_new, HPy_tp_new)
static HPy Item_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    long value = 0;
    HPyTracker ht;
    if (!HPyArg_Parse(ctx, &ht, args, nargs, "|l", &value))
        return HPy_NULL;
    HPyTracker_Close(ctx, ht);
    /* The metaclass payload of `cls` stays where it is while `cls` is open, even though
       HPy_New may collect (and move the type object). */
    MetaObject *m = MetaObject_AsStruct(ctx, cls);
    ItemObject *item;
    HPy h = HPy_New(ctx, cls, &item);
    if (HPy_IsNull(h))
        return HPy_NULL;
    item->value = value;
    m->instances++;
    return h;
}

HPyDef_MEMBER(Item_value, "value", HPyMember_LONG, offsetof(ItemObject, value))

HPyDef_METH(Item_meta_tag, "meta_tag", HPyFunc_NOARGS)
static HPy Item_meta_tag_impl(HPyContext *ctx, HPy self)
{
    HPy t = HPy_Type(ctx, self);
    MetaObject *m = MetaObject_AsStruct(ctx, t);
    long value = ItemObject_AsStruct(ctx, self)->value;
    HPy r = HPyUnicode_FromFormat(ctx, "%s:%ld", m->tag, value);
    HPy_Close(ctx, t);
    return r;
}

static HPyDef *Item_defines[] = {&Item_new, &Item_value, &Item_meta_tag, NULL};

HPyDef_METH(make_type, "make_type", HPyFunc_VARARGS)
static HPy make_type_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    const char *name, *tag;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "ss", &name, &tag))
        return HPy_NULL;
    if (strlen(tag) >= sizeof(((MetaObject *)0)->tag)) {
        HPyErr_SetString(ctx, ctx->h_ValueError, "tag too long");
        return HPy_NULL;
    }
    HPyType_Spec spec = {
        .name = name,
        .basicsize = sizeof(ItemObject),
        .flags = HPy_TPFLAGS_DEFAULT | HPy_TPFLAGS_BASETYPE,
        .defines = Item_defines,
        .doc = "A type made with Meta.",
    };
    HPy meta = HPyGlobal_Load(ctx, meta_type);
    HPyType_SpecParam params[] = {{HPyType_SpecParam_Metaclass, meta}, {0}};
    HPy t = HPyType_FromSpec(ctx, &spec, params);
    HPy_Close(ctx, meta);
    if (HPy_IsNull(t))
        return HPy_NULL;
    MetaObject *m = MetaObject_AsStruct(ctx, t);
    m->serial = ++types_made;
    strcpy(m->tag, tag);
    return t;
}

HPyDef_METH(meta_counts, "meta_counts", HPyFunc_NOARGS)
static HPy meta_counts_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, types_made);
}

HPyDef_METH(shape_of, "shape_of", HPyFunc_O)
static HPy shape_of_impl(HPyContext *ctx, HPy self, HPy t)
{
    HPyType_BuiltinShape s = _HPyType_GetBuiltinShape(ctx, t);
    if (s == (HPyType_BuiltinShape)-2)
        return HPy_NULL;
    return HPyLong_FromLong(ctx, (long)s);
}

/* ------------------------------------------------------------------ invalid metaclasses */

typedef struct {
    long unused;
} NewMetaObject;

HPyDef_SLOT(NewMeta_new, HPy_tp_new)
static HPy NewMeta_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    HPyErr_SetString(ctx, ctx->h_RuntimeError, "never called");
    return HPy_NULL;
}

static HPyDef *NewMeta_defines[] = {&NewMeta_new, NULL};

static HPyType_Spec NewMeta_spec = {
    .name = "metatypes.NewMeta",
    .basicsize = sizeof(NewMetaObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = HPyType_BuiltinShape_Type,
    .defines = NewMeta_defines,
};

static HPyType_Spec Plain_spec = {
    .name = "metatypes.Plain",
    .flags = HPy_TPFLAGS_DEFAULT,
};

static HPyType_Spec Bad_spec = {
    .name = "metatypes.Bad",
    .flags = HPy_TPFLAGS_DEFAULT,
};

HPyDef_METH(make_bad_meta, "make_bad_meta", HPyFunc_O)
static HPy make_bad_meta_impl(HPyContext *ctx, HPy self, HPy arg)
{
    const char *kind = HPyUnicode_AsUTF8AndSize(ctx, arg, NULL);
    if (kind == NULL)
        return HPy_NULL;
    HPy first = HPy_NULL, second = HPy_NULL;
    if (strcmp(kind, "not_a_type") == 0) {
        first = HPyUnicode_FromString(ctx, "hello");
    } else if (strcmp(kind, "twice") == 0) {
        first = HPy_Dup(ctx, ctx->h_TypeType);
        second = HPyGlobal_Load(ctx, meta_type);
    } else if (strcmp(kind, "int") == 0) {
        first = HPy_Dup(ctx, ctx->h_LongType);
    } else if (strcmp(kind, "custom_new") == 0) {
        HPyType_SpecParam p[] = {{HPyType_SpecParam_Base, ctx->h_TypeType}, {0}};
        first = HPyType_FromSpec(ctx, &NewMeta_spec, p);
    } else if (strcmp(kind, "not_type_subclass") == 0) {
        first = HPyType_FromSpec(ctx, &Plain_spec, NULL);
    } else if (strcmp(kind, "type") == 0) {
        first = HPy_Dup(ctx, ctx->h_TypeType);
    } else {
        HPyErr_SetString(ctx, ctx->h_ValueError, "unknown kind");
        return HPy_NULL;
    }
    if (HPy_IsNull(first))
        return HPy_NULL;
    HPyType_SpecParam params[] = {
        {HPyType_SpecParam_Metaclass, first},
        {HPy_IsNull(second) ? (HPyType_SpecParam_Kind)0 : HPyType_SpecParam_Metaclass, second},
        {0},
    };
    HPy t = HPyType_FromSpec(ctx, &Bad_spec, params);
    HPy_Close(ctx, first);
    HPy_Close(ctx, second);
    return t;
}

/* ------------------------------------------------------------------ a dict subclass */

/* The members the HPy headers after 0.9 append to the context, in that order. Read only
   after the host accepted the Dict shape, which hpy 0.9's own host never does. */
typedef struct {
    struct _HPyContext_s base;
    HPy h_DictType;
    void *(*ctx_AsStruct_Dict)(HPyContext *ctx, HPy h);
} LaterContext;

#define SHAPE_DICT ((HPyType_BuiltinShape)7)

typedef struct {
    long tag;
    long lookups;
    HPyField extra; /* an object the dict keeps outside its items */
} TaggedDictObject;

static TaggedDictObject *TaggedDict_AsStruct(HPyContext *ctx, HPy h)
{
    return (TaggedDictObject *)((LaterContext *)ctx)->ctx_AsStruct_Dict(ctx, h);
}

static long tagged_dicts_destroyed;

HPyDef_SLOT(TaggedDict_destroy, HPy_tp_destroy)
static void TaggedDict_destroy_impl(void *obj)
{
    TaggedDictObject *d = (TaggedDictObject *)obj;
    if (d->tag != -999) {
        tagged_dicts_destroyed++;
        d->tag = -999; /* a second destroy of the same payload would not count */
    }
}

HPyDef_MEMBER(TaggedDict_tag, "tag", HPyMember_LONG, offsetof(TaggedDictObject, tag))
HPyDef_MEMBER(TaggedDict_extra, "extra", HPyMember_OBJECT, offsetof(TaggedDictObject, extra))

HPyDef_SLOT(TaggedDict_traverse, HPy_tp_traverse)
static int TaggedDict_traverse_impl(void *self, HPyFunc_visitproc visit, void *arg)
{
    HPy_VISIT(&((TaggedDictObject *)self)->extra);
    return 0;
}
HPyDef_MEMBER(TaggedDict_lookups, "lookups", HPyMember_LONG, offsetof(TaggedDictObject, lookups),
              .readonly = 1)

HPyDef_METH(TaggedDict_lookup, "lookup", HPyFunc_O)
static HPy TaggedDict_lookup_impl(HPyContext *ctx, HPy self, HPy key)
{
    TaggedDictObject *d = TaggedDict_AsStruct(ctx, self);
    HPy v = HPy_GetItem(ctx, self, key);
    if (HPy_IsNull(v))
        return HPy_NULL;
    /* still the same payload after the call, which may have collected */
    d->lookups++;
    HPy r = HPy_BuildValue(ctx, "(lO)", d->tag, v);
    HPy_Close(ctx, v);
    return r;
}

static HPyDef *TaggedDict_defines[] = {&TaggedDict_destroy, &TaggedDict_tag, &TaggedDict_extra,
                                       &TaggedDict_traverse, &TaggedDict_lookups,
                                       &TaggedDict_lookup, NULL};

static HPyType_Spec TaggedDict_spec = {
    .name = "metatypes.TaggedDict",
    .basicsize = sizeof(TaggedDictObject),
    .flags = HPy_TPFLAGS_DEFAULT,
    .builtin_shape = SHAPE_DICT,
    .defines = TaggedDict_defines,
};

HPyDef_METH(make_tagged_dict_type, "make_tagged_dict_type", HPyFunc_NOARGS)
static HPy make_tagged_dict_type_impl(HPyContext *ctx, HPy self)
{
    /* The 0.9 context has no h_DictType: the type of a dict. */
    HPy d = HPyDict_New(ctx);
    if (HPy_IsNull(d))
        return HPy_NULL;
    HPy dict = HPy_Type(ctx, d);
    HPy_Close(ctx, d);
    HPyType_SpecParam params[] = {{HPyType_SpecParam_Base, dict}, {0}};
    HPy t = HPyType_FromSpec(ctx, &TaggedDict_spec, params);
    HPy_Close(ctx, dict);
    if (HPy_IsNull(t))
        return HPy_NULL;
    /* The host knows the Dict shape, so it has the later members: check h_DictType. */
    if (!HPyType_IsSubtype(ctx, t, ((LaterContext *)ctx)->h_DictType)) {
        HPy_Close(ctx, t);
        HPyErr_SetString(ctx, ctx->h_SystemError, "TaggedDict is not a subtype of h_DictType");
        return HPy_NULL;
    }
    return t;
}

HPyDef_METH(dict_counts, "dict_counts", HPyFunc_NOARGS)
static HPy dict_counts_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, tagged_dicts_destroyed);
}

/* ------------------------------------------------------------------ module */

HPyDef_SLOT(metatypes_exec, HPy_mod_exec)
static int metatypes_exec_impl(HPyContext *ctx, HPy m)
{
    HPyType_SpecParam params[] = {{HPyType_SpecParam_Base, ctx->h_TypeType}, {0}};
    HPy meta = HPyType_FromSpec(ctx, &Meta_spec, params);
    if (HPy_IsNull(meta))
        return -1;
    HPyGlobal_Store(ctx, &meta_type, meta);
    int r = HPy_SetAttr_s(ctx, m, "Meta", meta);
    HPy_Close(ctx, meta);
    return r;
}

static HPyDef *module_defines[] = {&metatypes_exec, &make_type, &meta_counts, &shape_of,
                                   &make_bad_meta, &make_tagged_dict_type, &dict_counts, NULL};

static HPyGlobal *module_globals[] = {&meta_type, NULL};

static HPyModuleDef moduledef = {
    .globals = module_globals,
    .doc = "Metaclasses and a dict subclass with payloads.",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(metatypes, moduledef)
