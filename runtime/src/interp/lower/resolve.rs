//! Step 3 of lowering: where every name of every scope lives (fast local, cell, free
//! variable or global), by CPython's rules.

use super::*;

// ---------------------------------------------------------------- analysis

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Where {
    Local,
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

/// Decides where each name of scope `s` (and its children) lives and lays out its fast
/// slots and cells. `bound`: the names bound in enclosing function scopes. Returns the
/// free variables of `s`.
pub(super) fn analyze(
    src: &Src<'_>,
    scopes: &mut [Scope],
    s: usize,
    bound: &HashSet<Rc<str>>,
) -> R<IndexSet<Rc<str>>> {
    let kind = scopes[s].kind;
    let mut wheres: IndexMap<Rc<str>, Where> = IndexMap::new();
    for (name, &flags) in &scopes[s].symbols {
        let directive = || scopes[s].directives.get(name).copied().unwrap_or(0);
        let w = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(src.err(format!("name '{name}' is nonlocal and global"), directive()));
            }
            Where::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            if !bound.contains(name) {
                return Err(src.err(
                    format!("no binding for nonlocal '{name}' found"),
                    directive(),
                ));
            }
            Where::Free
        } else if flags & (DEF_LOCAL | DEF_PARAM) != 0 {
            Where::Local
        } else if bound.contains(name) {
            Where::Free
        } else {
            Where::GlobalImplicit
        };
        wheres.insert(Rc::clone(name), w);
    }
    let newbound: HashSet<Rc<str>> = if kind == ScopeKind::Module {
        HashSet::new()
    } else if kind == ScopeKind::Class {
        // A class's own names are invisible to its methods; `__class__` is provided.
        let mut nb = bound.clone();
        for (name, w) in &wheres {
            if *w == Where::GlobalExplicit {
                nb.remove(name);
            }
        }
        nb.insert("__class__".into());
        nb
    } else {
        let mut nb = bound.clone();
        for (name, w) in &wheres {
            match w {
                Where::Local => {
                    nb.insert(Rc::clone(name));
                }
                Where::GlobalExplicit => {
                    nb.remove(name);
                }
                _ => {}
            }
        }
        nb
    };
    let mut child_free: IndexSet<Rc<str>> = IndexSet::new();
    for c in scopes[s].children.clone() {
        child_free.extend(analyze(src, scopes, c, &newbound)?);
    }
    if kind == ScopeKind::Module {
        return Ok(IndexSet::new());
    }
    let mut cellvars: IndexSet<Rc<str>> = IndexSet::new();
    let mut freevars: IndexSet<Rc<str>> = IndexSet::new();
    if kind == ScopeKind::Class {
        for (name, w) in &wheres {
            if *w == Where::Free {
                freevars.insert(Rc::clone(name));
            }
        }
        for name in &child_free {
            if &**name == "__class__" {
                cellvars.insert(Rc::clone(name));
            } else {
                // Free in a method: passed through, even if the class binds the name too.
                freevars.insert(Rc::clone(name));
            }
        }
        let sc = &mut scopes[s];
        let mut fast: IndexMap<Rc<str>, u32> = IndexMap::new();
        fast.insert(".ns".into(), 0);
        let mut cells: IndexMap<Rc<str>, u32> = IndexMap::new();
        for name in cellvars.iter().chain(&freevars) {
            let n = slot(cells.len());
            cells.insert(Rc::clone(name), n);
        }
        sc.fast = fast;
        sc.cells = cells;
        sc.n_cellvars = slot(cellvars.len());
        return Ok(freevars);
    }
    for (name, w) in &wheres {
        match w {
            Where::Local if child_free.contains(name) => {
                cellvars.insert(Rc::clone(name));
            }
            Where::Free => {
                freevars.insert(Rc::clone(name));
            }
            _ => {}
        }
    }
    for name in &child_free {
        // Free in a child, not mentioned here: passed through.
        if !wheres.contains_key(name) {
            freevars.insert(Rc::clone(name));
        }
    }
    let sc = &mut scopes[s];
    let mut fast: IndexMap<Rc<str>, u32> = IndexMap::new();
    for p in &sc.params {
        let n = slot(fast.len());
        fast.entry(Rc::clone(p)).or_insert(n);
    }
    if kind == ScopeKind::Comprehension {
        let n = slot(fast.len());
        fast.insert(".result".into(), n);
    }
    for (name, w) in &wheres {
        if *w == Where::Local && !cellvars.contains(name) && !fast.contains_key(name) {
            let n = slot(fast.len());
            fast.insert(Rc::clone(name), n);
        }
    }
    let mut cells: IndexMap<Rc<str>, u32> = IndexMap::new();
    for name in cellvars.iter().chain(&freevars) {
        let n = slot(cells.len());
        cells.insert(Rc::clone(name), n);
    }
    sc.fast = fast;
    sc.cells = cells;
    sc.n_cellvars = slot(cellvars.len());
    Ok(freevars)
}

pub(super) fn slot(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
