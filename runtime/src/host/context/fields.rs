//! `HPyField_Store` / `HPyField_Load` (see `crate::host::fields`).

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPyField, HPy_NULL};

use super::{enter, enter_nogc};

pub(crate) unsafe extern "C" fn ctx_Field_Store(
    ctx: *mut HPyContext,
    target_object: HPy,
    target_field: *mut HPyField,
    h: HPy,
) {
    enter(ctx, "HPyField_Store", (), |st| {
        let owner = st.get(target_object, "HPyField_Store")?;
        let value = if h._i == 0 {
            RawRef::NULL
        } else {
            st.get(h, "HPyField_Store")?
        };
        st.store_field(owner, target_field, value)
    })
}

pub(crate) unsafe extern "C" fn ctx_Field_Load(
    ctx: *mut HPyContext,
    source_object: HPy,
    source_field: HPyField,
) -> HPy {
    // The field comes by value (an address): it is resolved into a handle before the
    // safepoint, which would leave it stale (DESIGN.md, "Safepoints").
    enter_nogc(ctx, "HPyField_Load", HPy_NULL, |st| {
        let owner = st.get(source_object, "HPyField_Load")?;
        if source_field._i == 0 {
            return Ok(HPy_NULL);
        }
        let target = st.checked_field_target(owner, source_field._i, None, "HPyField_Load");
        let h = st.roots.handles.open(target);
        st.safepoint();
        Ok(h)
    })
}
