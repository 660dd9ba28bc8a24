//! Source files as text (PEP 263): UTF-8 unless a UTF-8 byte-order mark or a coding
//! declaration (`# -*- coding: latin-1 -*-` on the first line, or on the second when the
//! first is blank or a comment) says otherwise, decoded with the runtime's codecs. The
//! errors are CPython's: for the main script the line it prints, for an import or
//! `compile()` of bytes the SyntaxError it raises.

use std::path::Path;
use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::code::SyntaxErrorInfo;
use crate::objects::codecs::{self, CodecError, Errors};
use crate::state::State;

/// Why source bytes are not text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SourceError {
    /// Not UTF-8, and no other encoding declared: the 1-based line, the first bad byte,
    /// the line as far as it decodes, and the UTF-8 decoder's complaint.
    NotUtf8 {
        line: u32,
        byte: u8,
        text: String,
        detail: String,
    },
    /// A declared encoding no codec has (the name as written).
    Unknown(String),
    /// A UTF-8 byte-order mark and another declared encoding (its normal name).
    BomMismatch(String),
    /// The declared codec failed (its normal name, the codec's message).
    Decode { name: String, msg: String },
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// The encoding a coding declaration in `line` names, if it has one: a comment
/// matching `coding[:=]\s*([-\w.]+)`.
fn declared_in(line: &[u8]) -> Option<String> {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[start] != b'#' {
        return None;
    }
    let text = &line[start..];
    let at = text
        .windows(7)
        .position(|w| w.starts_with(b"coding") && matches!(w[6], b':' | b'='))?;
    let rest = &text[at + 7..];
    let rest = &rest[rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()..];
    let name: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .collect();
    (!name.is_empty()).then(|| String::from_utf8_lossy(&name).into_owned())
}

/// Is `line` blank or only a comment (the first line that lets the second declare)?
fn blank_or_comment(line: &[u8]) -> bool {
    match line.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\x0c')) {
        None | Some(b'\n' | b'\r' | b'#') => true,
        Some(_) => false,
    }
}

/// The coding declaration of `src` (BOM already removed), if any.
fn declaration(src: &[u8]) -> Option<String> {
    let mut lines = src.split_inclusive(|b| *b == b'\n');
    let first = lines.next()?;
    if let Some(name) = declared_in(first) {
        return Some(name);
    }
    if !blank_or_comment(first) {
        return None;
    }
    lines.next().and_then(declared_in)
}

/// CPython's tokenizer's normal form of an encoding name: the UTF-8 and Latin-1 families
/// under one name each.
fn normal_name(name: &str) -> String {
    let lower: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let family = |base: &str| lower == base || lower.starts_with(&format!("{base}-"));
    if family("utf-8") {
        "utf-8".into()
    } else if family("latin-1") || family("iso-8859-1") || family("iso-latin-1") {
        "iso-8859-1".into()
    } else {
        name.to_string()
    }
}

/// The text of source `src`.
pub(crate) fn decode_source(src: &[u8]) -> Result<String, SourceError> {
    let (bom, body) = match src.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, src),
    };
    let declared = declaration(body);
    let normal = declared.as_deref().map(normal_name);
    match normal.as_deref() {
        None | Some("utf-8") => utf8(body),
        Some(other) if bom => Err(SourceError::BomMismatch(other.to_string())),
        Some(other) => {
            let raw = declared.clone().unwrap_or_default();
            let found =
                codecs::lookup(other.as_bytes()).map_err(|_| SourceError::Unknown(raw.clone()))?;
            codecs::decode(found.codec, body, &Errors::Strict)
                .result
                .map_err(|e| SourceError::Decode {
                    name: other.to_string(),
                    msg: codec_message(&e, body),
                })
        }
    }
}

fn utf8(body: &[u8]) -> Result<String, SourceError> {
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line_start = body[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let line = body[..at].iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let line_end = body[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(body.len(), |i| at + i);
            let byte = body[at];
            let reason = match e.error_len() {
                None => "unexpected end of data",
                Some(_) if (0xc2..=0xf4).contains(&byte) => "invalid continuation byte",
                Some(_) => "invalid start byte",
            };
            Err(SourceError::NotUtf8 {
                line,
                byte,
                text: String::from_utf8_lossy(&body[line_start..line_end]).into_owned(),
                detail: format!(
                    "'utf-8' codec can't decode byte 0x{byte:02x} in position {}: {reason}",
                    at - line_start
                ),
            })
        }
    }
}

/// A codec's decode error as its UnicodeDecodeError would print.
fn codec_message(e: &CodecError, input: &[u8]) -> String {
    match e {
        CodecError::Decode {
            encoding,
            start,
            end,
            reason,
        } if end - start == 1 => format!(
            "'{encoding}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            input[*start]
        ),
        CodecError::Decode {
            encoding,
            start,
            end,
            reason,
        } => format!(
            "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        ),
        other => format!("{other:?}"),
    }
}

impl SourceError {
    /// The line CPython prints after "SyntaxError: " when the main script `path` has
    /// this problem (it has no location).
    pub(crate) fn script_message(&self, path: &Path) -> String {
        match self {
            SourceError::NotUtf8 { line, byte, .. } => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                format!(
                    "Non-UTF-8 code starting with '\\x{byte:02x}' in file {} on line {line}, \
                     but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    abs.display()
                )
            }
            SourceError::Unknown(name) | SourceError::Decode { name, .. } => {
                format!("encoding problem: {name}")
            }
            SourceError::BomMismatch(name) => format!("encoding problem: {name} with BOM"),
        }
    }

    /// The SyntaxError an import or `compile()` raises for it.
    fn syntax_error(&self, filename: &str) -> SyntaxErrorInfo {
        let (msg, line, col, text) = match self {
            SourceError::NotUtf8 {
                line, text, detail, ..
            } => (format!("(unicode error) {detail}"), *line, 1, text.clone()),
            SourceError::Unknown(name) => {
                (format!("unknown encoding: {name}"), 0, 0, String::new())
            }
            SourceError::BomMismatch(name) => (
                format!("encoding problem: {name} with BOM"),
                0,
                0,
                String::new(),
            ),
            SourceError::Decode { msg, .. } => (msg.clone(), 0, 0, String::new()),
        };
        SyntaxErrorInfo {
            class: "SyntaxError",
            msg,
            filename: Rc::from(filename),
            line,
            col,
            text,
        }
    }
}

impl State {
    /// The text of source bytes read from `filename`, or the SyntaxError CPython raises.
    pub(crate) fn source_text(&mut self, src: &[u8], filename: &str) -> PyResult<String> {
        decode_source(src).map_err(|e| self.raise_syntax_error(&e.syntax_error(filename)))
    }

    /// Reads and decodes the source file of a module being imported.
    pub(crate) fn read_module_source(&mut self, file: &Path) -> PyResult<String> {
        match std::fs::read(file) {
            Ok(b) => self.source_text(&b, &file.display().to_string()),
            Err(e) => Err(self.raise(
                "ImportError",
                format!("cannot read {}: {e}", file.display()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_as_pep_263_reads_them() {
        assert_eq!(
            declaration(b"# -*- coding: latin-1 -*-\n"),
            Some("latin-1".into())
        );
        assert_eq!(
            declaration(b"#!/bin/py\n# vim: set fileencoding=cp1252 :\n"),
            Some("cp1252".into())
        );
        assert_eq!(declaration(b"\n#coding=utf_8\nx"), Some("utf_8".into()));
        assert_eq!(declaration(b"x = 1\n# coding: latin-1\n"), None);
        assert_eq!(declaration(b"x = 1 # coding: latin-1\n"), None);
        assert_eq!(declaration(b"# a\n# b\n# coding: latin-1\n"), None);
        assert_eq!(normal_name("Latin_1"), "iso-8859-1");
        assert_eq!(normal_name("UTF-8-unix"), "utf-8");
        assert_eq!(normal_name("cp1252"), "cp1252");
    }

    #[test]
    fn decoding_and_its_errors() {
        assert_eq!(
            decode_source(b"# coding: latin-1\ns='\xe9'").unwrap(),
            "# coding: latin-1\ns='é'"
        );
        assert_eq!(decode_source(b"\xef\xbb\xbfx = 1").unwrap(), "x = 1");
        assert_eq!(
            decode_source(b"\xef\xbb\xbf# coding: latin-1\n"),
            Err(SourceError::BomMismatch("iso-8859-1".into()))
        );
        assert_eq!(
            decode_source(b"# coding: nope\n"),
            Err(SourceError::Unknown("nope".into()))
        );
        match decode_source(b"x = 1\ns = '\xe9'\n") {
            Err(SourceError::NotUtf8 { line, byte, .. }) => assert_eq!((line, byte), (2, 0xe9)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode_source(b"# coding: ascii\ns = '\xe9'"),
            Err(SourceError::Decode { .. })
        ));
    }
}
