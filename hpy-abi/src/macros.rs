//! `hpy/macros.h`: the rich-comparison operator codes (same values as CPython's `Py_LT`..).

c_enum! {
    /// Operator passed to `HPy_tp_richcompare` implementations.
    pub enum HPy_RichCmpOp: u32 {
        HPy_LT = 0,
        HPy_LE = 1,
        HPy_EQ = 2,
        HPy_NE = 3,
        HPy_GT = 4,
        HPy_GE = 5,
    }
}
