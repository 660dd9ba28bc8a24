//! `str.format`: replacement fields `{name.attr[key]!conv:spec}` (nested fields in the
//! spec included), with CPython 3.11's messages.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{int, str as pystr};
use crate::state::State;

impl State {
    /// `fmt.format(*args, **kwargs)`, the arguments read through their roots as each
    /// field needs them (a field's `__format__` may run code).
    pub(crate) fn str_format(&mut self, fmt: &str, args: Args<'_>) -> PyResult<String> {
        let mut f = Formatter {
            args,
            auto: Some(0),
        };
        f.run(self, fmt, 0)
    }
}

struct Formatter<'k> {
    args: Args<'k>,
    /// The next automatic field number; `None` once a field was numbered by hand.
    auto: Option<usize>,
}

impl Formatter<'_> {
    fn run(&mut self, st: &mut State, fmt: &str, depth: u32) -> PyResult<String> {
        if depth > 2 {
            return Err(st.raise("ValueError", "Max string recursion exceeded".into()));
        }
        let cs: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
            if c == '}' {
                if cs.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(st.raise(
                    "ValueError",
                    "Single '}' encountered in format string".into(),
                ));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if cs.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // The field runs to the matching '}'.
            let mut j = i + 1;
            let mut level = 1;
            let mut in_key = false;
            while j < cs.len() {
                match cs[j] {
                    '[' => in_key = true,
                    ']' => in_key = false,
                    '{' if !in_key => level += 1,
                    '}' if !in_key => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= cs.len() {
                return Err(st.raise("ValueError", "expected '}' before end of string".into()));
            }
            let field: String = cs[i + 1..j].iter().collect();
            let s = self.field(st, &field, depth)?;
            out.push_str(&s);
            i = j + 1;
        }
        Ok(out)
    }

    fn field(&mut self, st: &mut State, field: &str, depth: u32) -> PyResult<String> {
        // name part, then `!conv`, then `:spec` (outside brackets).
        let mut end = field.len();
        let mut in_key = false;
        for (k, ch) in field.char_indices() {
            match ch {
                '[' => in_key = true,
                ']' => in_key = false,
                '!' | ':' if !in_key => {
                    end = k;
                    break;
                }
                _ => {}
            }
        }
        let name = &field[..end];
        let rest = &field[end..];
        let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
            let mut it = r.chars();
            let c = it.next();
            let after: String = it.collect();
            let spec = match after.strip_prefix(':') {
                Some(s) => s.to_string(),
                None if after.is_empty() => String::new(),
                None => {
                    return Err(st.raise(
                        "ValueError",
                        "expected ':' after conversion specifier".into(),
                    ))
                }
            };
            match c {
                Some(c @ ('r' | 's' | 'a')) => (Some(c), spec),
                Some(c) => {
                    return Err(st.raise("ValueError", format!("Unknown conversion specifier {c}")))
                }
                None => {
                    return Err(st.raise(
                        "ValueError",
                        "end of string while looking for conversion specifier".into(),
                    ))
                }
            }
        } else {
            (None, rest.strip_prefix(':').unwrap_or("").to_string())
        };
        let spec = if spec.contains('{') {
            self.run(st, &spec, depth + 1)?
        } else {
            spec
        };
        let v = self.value(st, name)?;
        st.format_value(v, conv, &spec)
    }

    /// The object a field name designates: an argument, then `.attr` and `[key]` parts.
    fn value(&mut self, st: &mut State, name: &str) -> PyResult<RawRef> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut v = if first.is_empty() || first.chars().all(|c| c.is_ascii_digit()) {
            let idx = if first.is_empty() {
                match self.auto {
                    Some(n) => {
                        self.auto = Some(n + 1);
                        n
                    }
                    None => {
                        return Err(st.raise(
                            "ValueError",
                            "cannot switch from manual field specification to automatic field numbering".into(),
                        ))
                    }
                }
            } else {
                if self.auto.is_some_and(|n| n > 0) {
                    return Err(st.raise(
                        "ValueError",
                        "cannot switch from automatic field numbering to manual field specification".into(),
                    ));
                }
                self.auto = None;
                first.parse::<usize>().unwrap_or(usize::MAX)
            };
            if idx >= self.args.len() {
                return Err(st.raise(
                    "IndexError",
                    format!("Replacement index {idx} out of range for positional args tuple"),
                ));
            }
            self.args.get(st, idx)
        } else {
            match self.args.kw_get(st, first) {
                Some(v) => v,
                None => {
                    let k = pystr::new(&st.alloc(), first)?.raw();
                    return Err(st.key_error(k));
                }
            }
        };
        let mut rest = &name[first_end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                v = st.getattr(v, &r[..e])?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let Some(e) = r.find(']') else {
                    return Err(st.raise("ValueError", "Missing ']' in format string".into()));
                };
                let key = &r[..e];
                let vi = st.push(v);
                let k = match key.parse::<i64>() {
                    Ok(n) if key.chars().all(|c| c.is_ascii_digit()) => {
                        int::new_i64(&st.alloc(), n)?.raw()
                    }
                    _ => pystr::new(&st.alloc(), key)?.raw(),
                };
                let container = st.at(vi);
                st.truncate(vi);
                v = st.getitem(container, k)?;
                rest = &r[e + 1..];
            } else {
                return Err(st.raise(
                    "ValueError",
                    "Only '.' or '[' may follow ']' in format field specifier".into(),
                ));
            }
        }
        Ok(v)
    }
}
