//! The parser's errors, reported with CPython 3.11's wording and positions (tokenizer
//! errors first, then the parser's first error).

use super::*;

// ---------------------------------------------------------------- parser errors

/// The error to report, if the parse failed: CPython reports tokenizer errors (anywhere in
/// the file) before parser errors, and the parser's first error otherwise.
pub(super) fn first_error(
    src: &Src<'_>,
    parsed: &parser::Parsed<py::Mod>,
    scan: &Scan,
) -> Option<Error> {
    let errors = parsed.errors();
    let mut tokenizer: Vec<(usize, Error)> = Vec::new();
    if let Some(t) = &scan.tab_error {
        tokenizer.push(t.clone());
    }
    if !errors.is_empty() {
        if let Some(b) = &scan.bracket_error {
            tokenizer.push(b.clone());
        }
        for e in errors {
            if let parser::ParseErrorType::Lexical(l) = &e.error {
                if !matches!(l, parser::LexicalErrorType::Eof) {
                    tokenizer.push((e.location.start().to_usize(), lexical_error(src, l, e)));
                }
            }
        }
    }
    if let Some((_, e)) = tokenizer.into_iter().min_by_key(|t| t.0) {
        return Some(e);
    }
    if let Some(e) = errors.iter().min_by_key(|e| e.location.start()) {
        return Some(parse_error(src, e, scan));
    }
    parsed
        .unsupported_syntax_errors()
        .iter()
        .filter(|e| {
            !matches!(
                e.kind,
                parser::UnsupportedSyntaxErrorKind::TypeParameterList
                    | parser::UnsupportedSyntaxErrorKind::TypeAliasStatement
                    | parser::UnsupportedSyntaxErrorKind::TypeParamDefault
                    | parser::UnsupportedSyntaxErrorKind::TemplateStrings
            )
        })
        .min_by_key(|e| e.range.start())
        .map(|e| src.err(e.to_string(), e.range))
}

/// The line a string literal's error was detected on (CPython's "detected at line N").
pub(super) fn detected_line(src: &Src<'_>, r: TextRange) -> u32 {
    let end = r.end().to_usize().max(r.start().to_usize() + 1) - 1;
    line_no(src.lines.line_of(end))
}

/// Whether the string literal starting at `off` (after its prefix) is triple-quoted.
pub(super) fn is_triple_quoted(src: &Src<'_>, off: usize) -> bool {
    let rest = src.lines.src.get(off..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    rest.starts_with("'''") || rest.starts_with("\"\"\"")
}

pub(super) fn unterminated(src: &Src<'_>, r: TextRange) -> Error {
    let kind = if is_triple_quoted(src, r.start().to_usize()) {
        "triple-quoted string literal"
    } else {
        "string literal"
    };
    src.err(
        format!(
            "unterminated {kind} (detected at line {})",
            detected_line(src, r)
        ),
        r,
    )
}

pub(super) fn fstring_error(
    src: &Src<'_>,
    e: &parser::InterpolatedStringErrorType,
    r: TextRange,
) -> Error {
    use parser::InterpolatedStringErrorType as F;
    let msg = match e {
        F::UnterminatedString | F::UnterminatedTripleQuotedString => return unterminated(src, r),
        F::UnclosedLbrace => "f-string: expecting '}'".to_string(),
        F::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string()
        }
        F::SingleRbrace => "f-string: single '}' is not allowed".to_string(),
        other => format!("f-string: {other}"),
    };
    src.err(msg, r)
}

pub(super) fn lexical_error(
    src: &Src<'_>,
    l: &parser::LexicalErrorType,
    e: &parser::ParseError,
) -> Error {
    use parser::LexicalErrorType as L;
    let r = e.location;
    match l {
        L::UnclosedStringError => unterminated(src, r),
        L::IndentationError => {
            let line = src.lines.line_of(r.start().to_usize());
            let len = src.lines.text(line).chars().count();
            src.error_at(
                "IndentationError",
                "unindent does not match any outer indentation level",
                line,
                u32::try_from(len + 1).unwrap_or(u32::MAX),
            )
        }
        L::UnrecognizedToken { tok } => {
            let msg = if tok.is_ascii() {
                "invalid syntax".to_string()
            } else if tok.is_control() || tok.is_whitespace() {
                format!("invalid non-printable character U+{:04X}", *tok as u32)
            } else {
                format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
            };
            src.err(msg, r)
        }
        L::FStringError(f) | L::TStringError(f) => fstring_error(src, f, r),
        L::LineContinuationError => {
            src.err("unexpected character after line continuation character", r)
        }
        L::OtherError(msg) if msg.contains("decimal integer") => {
            let text = &src.lines.src[r.start().to_usize()..r.end().to_usize()];
            if text.starts_with('0') {
                src.err(
                    "leading zeros in decimal integer literals are not permitted; \
                     use an 0o prefix for octal integers",
                    r,
                )
            } else {
                src.err("invalid decimal literal", r)
            }
        }
        L::InvalidByteLiteral => src.err("bytes can only contain ASCII literal characters", r),
        L::UnicodeError | L::MissingUnicodeLbrace | L::MissingUnicodeRbrace => src.err(
            "(unicode error) 'unicodeescape' codec can't decode bytes: \
             malformed \\N character escape",
            r,
        ),
        _ => src.err("invalid syntax", r),
    }
}

/// Maps a parser error to CPython's message where the difference is only in wording.
pub(super) fn parse_error(src: &Src<'_>, e: &parser::ParseError, scan: &Scan) -> Error {
    use parser::ParseErrorType as P;
    let r = e.location;
    let at = r.start().to_usize();
    let generic = |msg: &str| {
        // CPython: a generic error after a bracket that is never closed (on an earlier
        // line) is reported as that bracket.
        if let Some((off, ch)) = scan.unclosed {
            if off < at && src.lines.line_of(off) < src.lines.line_of(at) {
                return src.err(format!("'{}' was never closed", ch as char), off);
            }
        }
        src.err(msg, at)
    };
    match &e.error {
        P::Lexical(parser::LexicalErrorType::Eof) => match scan.unclosed {
            Some((off, ch)) => src.err(format!("'{}' was never closed", ch as char), off),
            None => src.err("unexpected EOF while parsing", at),
        },
        P::Lexical(l) => lexical_error(src, l, e),
        P::ExpectedToken {
            expected: py::token::TokenKind::Colon,
            ..
        } => src.err("expected ':'", at),
        P::UnexpectedIndentation => {
            let line = src.lines.line_of(at);
            src.error_at(
                "IndentationError",
                "unexpected indent",
                line,
                src.lines.col(r.end().to_usize()),
            )
        }
        P::OtherError(msg) if msg.starts_with("Expected an indented block after ") => {
            expected_block(src, msg, r)
        }
        P::FStringError(f) | P::TStringError(f) => fstring_error(src, f, r),
        P::InvalidAssignmentTarget => {
            let (kind, atom) = target_kind(src, r);
            let msg = match kind {
                "None" | "True" | "False" | "__debug__" => format!("cannot assign to {kind}"),
                _ if atom && followed_by_assign(src, r) => {
                    format!("cannot assign to {kind} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {kind}"),
            };
            src.err(msg, at)
        }
        P::InvalidDeleteTarget => src.err(format!("cannot delete {}", target_kind(src, r).0), at),
        P::InvalidAugmentedAssignmentTarget => src.err(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                target_kind(src, r).0
            ),
            at,
        ),
        P::InvalidNamedAssignmentTarget => src.err(
            format!(
                "cannot use assignment expressions with {}",
                target_kind(src, r).0
            ),
            at,
        ),
        P::InvalidAnnotatedAssignmentTarget => {
            let kind = target_kind(src, r).0;
            let msg = if kind == "tuple" || kind == "list" {
                format!("only single target (not {kind}) can be annotated")
            } else {
                "illegal target for annotation".to_string()
            };
            src.err(msg, at)
        }
        P::DuplicateKeywordArgumentError(name) => {
            src.err(format!("keyword argument repeated: {name}"), at)
        }
        P::PositionalAfterKeywordArgument => {
            src.err("positional argument follows keyword argument", at)
        }
        P::PositionalAfterKeywordUnpacking => {
            src.err("positional argument follows keyword argument unpacking", at)
        }
        P::InvalidArgumentUnpackingOrder => src.err(
            "iterable argument unpacking follows keyword argument unpacking",
            at,
        ),
        P::IterableUnpackingInComprehension => {
            src.err("iterable unpacking cannot be used in comprehension", at)
        }
        P::UnparenthesizedGeneratorExpression => {
            src.err("Generator expression must be parenthesized", at)
        }
        P::NonDefaultParamAfterDefaultParam => {
            src.err("non-default argument follows default argument", at)
        }
        P::ExpectedKeywordParam => src.err("named arguments must follow bare *", at),
        P::ParamAfterVarKeywordParam => src.err("arguments cannot follow var-keyword argument", at),
        P::InvalidStarredExpressionUsage => src.err("can't use starred expression here", at),
        P::SimpleStatementsOnSameLine => {
            // `print "x"`: CPython's hint.
            let line = src.lines.line_of(at);
            let line_start = src.lines.starts[line];
            let before = &src.lines.src[line_start..at];
            if before.trim() == "print" {
                let col = before.len() - before.trim_start().len();
                let msg = "Missing parentheses in call to 'print'. Did you mean print(...)?";
                return src.error("SyntaxError", msg, line_start + col);
            }
            generic("invalid syntax")
        }
        _ => generic("invalid syntax"),
    }
}

/// CPython's "expected an indented block after 'if' statement on line N".
pub(super) fn expected_block(src: &Src<'_>, msg: &str, r: TextRange) -> Error {
    let what = msg.trim_start_matches("Expected an indented block after ");
    let (keyword, name) = match what {
        "`if` statement" => ("if", "'if' statement"),
        "`elif` clause" => ("elif", "'elif' statement"),
        "`else` clause" => ("else", "'else' statement"),
        "`for` statement" => ("for", "'for' statement"),
        "`while` statement" => ("while", "'while' statement"),
        "`with` statement" => ("with", "'with' statement"),
        "`try` statement" => ("try", "'try' statement"),
        "`except` clause" => ("except", "'except' statement"),
        "`finally` clause" => ("finally", "'finally' statement"),
        "`class` definition" => ("class", "class definition"),
        "function definition" => ("def", "function definition"),
        "`match` statement" => ("match", "'match' statement"),
        "`case` block" => ("case", "'case' statement"),
        _ => ("", "statement"),
    };
    let at = r.start().to_usize();
    let line = src.lines.line_of(at);
    // The header is on an earlier line, unless the error is at the header's own end.
    let on_header = src.lines.src[at..]
        .chars()
        .next()
        .is_none_or(|c| c == '\n' || c == '\r');
    let mut header = if on_header {
        line
    } else {
        line.saturating_sub(1)
    };
    loop {
        let t = src.lines.text(header).trim_start();
        let t = t.strip_prefix("async").map_or(t, str::trim_start);
        if t.starts_with(keyword)
            && !t[keyword.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            break;
        }
        if header == 0 {
            header = if on_header {
                line
            } else {
                line.saturating_sub(1)
            };
            break;
        }
        header -= 1;
    }
    src.error(
        "IndentationError",
        format!(
            "expected an indented block after {name} on line {}",
            line_no(header)
        ),
        at,
    )
}

/// Whether the source after `r` (past closing parentheses) is a single `=`.
pub(super) fn followed_by_assign(src: &Src<'_>, r: TextRange) -> bool {
    let rest = src.lines.src[r.end().to_usize()..].trim_start_matches([')', ' ', '\t', '\\']);
    rest.starts_with('=') && !rest.starts_with("==")
}

/// What CPython calls the expression in `r` in its "cannot assign to ..." messages, and
/// whether it is an operand of comparisons (then CPython suggests `==` for `=`).
pub(super) fn target_kind(src: &Src<'_>, r: TextRange) -> (&'static str, bool) {
    let text = &src.lines.src[r.start().to_usize()..r.end().to_usize()];
    if text.starts_with('*') {
        return ("starred", false);
    }
    let wrapped = format!("(\n{text}\n)");
    let Ok(parsed) = parser::parse_expression(&wrapped) else {
        return ("expression", false);
    };
    let e = parsed.expr();
    let atom = !matches!(
        e,
        py::Expr::Compare(_)
            | py::Expr::If(_)
            | py::Expr::Lambda(_)
            | py::Expr::BoolOp(_)
            | py::Expr::UnaryOp(py::ExprUnaryOp {
                op: py::UnaryOp::Not,
                ..
            })
    );
    (expr_kind(e), atom)
}

pub(super) fn expr_kind(e: &py::Expr) -> &'static str {
    use py::Expr as E;
    match e {
        E::Call(_) => "function call",
        E::NoneLiteral(_) => "None",
        E::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        E::Name(n) if n.id.as_str() == "__debug__" => "__debug__",
        E::EllipsisLiteral(_) => "ellipsis",
        E::NumberLiteral(_) | E::StringLiteral(_) | E::BytesLiteral(_) => "literal",
        E::FString(_) => "f-string expression",
        E::TString(_) => "t-string expression",
        E::Compare(_) => "comparison",
        E::If(_) => "conditional expression",
        E::Lambda(_) => "lambda",
        E::Dict(_) => "dict literal",
        E::Set(_) => "set display",
        E::ListComp(_) => "list comprehension",
        E::DictComp(_) => "dict comprehension",
        E::SetComp(_) => "set comprehension",
        E::Generator(_) => "generator expression",
        E::Await(_) => "await expression",
        E::Yield(_) | E::YieldFrom(_) => "yield expression",
        E::Named(_) => "named expression",
        E::Starred(_) => "starred",
        E::Tuple(_) => "tuple",
        E::List(_) => "list",
        E::Attribute(_) => "attribute",
        E::Subscript(_) => "subscript",
        E::Name(_) => "name",
        _ => "expression",
    }
}
