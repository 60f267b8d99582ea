//! Range expressions of `backend.ai run --env-range/--build-range/--exec-range`.

use std::fmt;

use super::decimal::{Decimal, DecimalSignal};
use super::pytext::{py_int, py_repr_200, PyIntError};

/// Upper bound on the number of values one range expression may produce. Python would try to
/// build the tuple anyway and run out of memory; we refuse instead.
pub const MAX_RANGE_VALUES: usize = 100_000;

/// One value of a range expression, rendered by [`fmt::Display`] exactly as Python's `str()`
/// renders it (which is what gets substituted into `$NAME` templates).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RangeValue {
    /// From `case:` (always text, even `case:1,2`).
    Str(String),
    /// From `range:`.
    Int(i128),
    /// From `linspace:` (Python `Decimal`, e.g. `0.50`).
    Decimal(Decimal),
}

impl fmt::Display for RangeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeValue::Str(s) => f.write_str(s),
            RangeValue::Int(i) => write!(f, "{i}"),
            RangeValue::Decimal(d) => write!(f, "{d}"),
        }
    }
}

/// Why a range expression was rejected. `Display` gives the text Python prints after the
/// exception name; [`RangeExprError::python_exception`] gives that name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeExprError {
    /// No `=` in the argument.
    #[error("not enough values to unpack (expected 2, got 1)")]
    MissingEquals,
    /// The name is not `[A-Za-z_][A-Za-z0-9_]*`.
    #[error("The key must be a valid slug string.")]
    InvalidKey,
    /// Neither `case:`, `range:` nor `linspace:`.
    #[error("Unrecognized range expression type")]
    UnknownType,
    /// A `range:` argument or the `linspace:` count is not an integer.
    #[error("invalid literal for int() with base 10: {}", py_repr_200(.0))]
    InvalidInt(String),
    /// An integer that does not fit in 128 bits (Python would accept it).
    #[error("integer too large: {0}")]
    IntTooLarge(String),
    /// More than three `range:` arguments.
    #[error("range expected at most 3 arguments, got {0}")]
    TooManyRangeArgs(usize),
    /// `range:` step of zero.
    #[error("range() arg 3 must not be zero")]
    ZeroStep,
    /// `linspace:` without exactly three values.
    #[error("{}", linspace_unpack_msg(*.0))]
    LinspaceArity(usize),
    /// Decimal arithmetic failed (`InvalidOperation`, `DivisionByZero`, `Overflow`).
    #[error("{0}")]
    Decimal(DecimalSignal),
    /// The expression would produce more than [`MAX_RANGE_VALUES`] values.
    #[error("the range expression produces {0} values (at most {MAX_RANGE_VALUES} allowed)")]
    TooManyValues(u128),
}

fn linspace_unpack_msg(got: usize) -> String {
    if got < 3 {
        format!("not enough values to unpack (expected 3, got {got})")
    } else {
        "too many values to unpack (expected 3)".to_owned()
    }
}

impl RangeExprError {
    /// The Python exception class name of the upstream error (`BadParameter`, `ValueError`,
    /// `TypeError`, `AssertionError`, `InvalidOperation`, `DivisionByZero`, `Overflow`).
    pub fn python_exception(&self) -> &'static str {
        match self {
            Self::MissingEquals => "ValueError",
            Self::InvalidKey => "AssertionError",
            Self::TooManyRangeArgs(_) => "TypeError",
            Self::Decimal(sig) => sig.python_exception(),
            Self::TooManyValues(_) => "MemoryError",
            Self::UnknownType
            | Self::InvalidInt(_)
            | Self::IntTooLarge(_)
            | Self::ZeroStep
            | Self::LinspaceArity(_) => "BadParameter",
        }
    }
}

/// Python `re.match(r"^[a-zA-Z_][a-zA-Z0-9_]*$", key)` (`$` also matches before a final `\n`).
fn is_range_key(key: &str) -> bool {
    let k = key.strip_suffix('\n').unwrap_or(key);
    let mut chars = k.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn int_arg(s: &str) -> Result<i128, RangeExprError> {
    py_int(s).map_err(|e| match e {
        PyIntError::Invalid => RangeExprError::InvalidInt(s.to_owned()),
        PyIntError::TooLarge => RangeExprError::IntTooLarge(s.to_owned()),
    })
}

fn range_values(args: &[i128]) -> Result<Vec<RangeValue>, RangeExprError> {
    let (start, stop, step) = match *args {
        [stop] => (0, stop, 1),
        [start, stop] => (start, stop, 1),
        [start, stop, step] => (start, stop, step),
        _ => return Err(RangeExprError::TooManyRangeArgs(args.len())),
    };
    if step == 0 {
        return Err(RangeExprError::ZeroStep);
    }
    // number of elements, computed without overflow
    let span: u128 = if step > 0 {
        if stop <= start {
            0
        } else {
            stop.abs_diff(start)
        }
    } else if stop >= start {
        0
    } else {
        start.abs_diff(stop)
    };
    let stepm = step.unsigned_abs();
    let count = span.div_ceil(stepm);
    if count > MAX_RANGE_VALUES as u128 {
        return Err(RangeExprError::TooManyValues(count));
    }
    let mut out = Vec::with_capacity(count as usize);
    let mut v = start;
    for _ in 0..count {
        out.push(RangeValue::Int(v));
        v = v.saturating_add(step);
    }
    Ok(out)
}

fn linspace_values(start: &str, stop: &str, num: &str) -> Result<Vec<RangeValue>, RangeExprError> {
    let start: Decimal = start.parse().map_err(RangeExprError::Decimal)?;
    let stop: Decimal = stop.parse().map_err(RangeExprError::Decimal)?;
    let num = int_arg(num)?;
    let delta = stop.sub(&start).map_err(RangeExprError::Decimal)?;
    let divisor = num
        .checked_sub(1)
        .ok_or_else(|| RangeExprError::IntTooLarge(num.to_string()))?;
    let step = delta
        .div(&Decimal::from_i128(divisor))
        .map_err(RangeExprError::Decimal)?;
    if num <= 0 {
        return Ok(Vec::new());
    }
    if num as u128 > MAX_RANGE_VALUES as u128 {
        return Err(RangeExprError::TooManyValues(num as u128));
    }
    let mut out = Vec::with_capacity(num as usize);
    for tick in 0..num {
        let v = step
            .mul(&Decimal::from_i128(tick))
            .and_then(|p| start.add(&p))
            .map_err(RangeExprError::Decimal)?;
        out.push(RangeValue::Decimal(v));
    }
    Ok(out)
}

/// Parses one `NAME=TYPE:ARGS` range expression, like the Python CLI's
/// `RangeExprOptionType.convert`.
///
/// * `case:a,b,c` → the comma-separated strings (`case:` alone gives one empty string),
/// * `range:[START,]STOP[,STEP]` → integers as Python's `range()`,
/// * `linspace:START,STOP,NUM` → `NUM` decimals from `START` to `STOP` inclusive, computed with
///   Python `Decimal` arithmetic (so `linspace:0,1,5` gives `0.00, 0.25, 0.50, 0.75, 1.00`).
///
/// ```
/// use backendai_core::parse::{parse_range_expr, RangeValue};
/// let (name, values) = parse_range_expr("n=range:0,10,3").unwrap();
/// assert_eq!(name, "n");
/// assert_eq!(values, vec![RangeValue::Int(0), RangeValue::Int(3), RangeValue::Int(6), RangeValue::Int(9)]);
///
/// let (_, lin) = parse_range_expr("x=linspace:0,1,3").unwrap();
/// let shown: Vec<String> = lin.iter().map(|v| v.to_string()).collect();
/// assert_eq!(shown, ["0.0", "0.5", "1.0"]);
///
/// let err = parse_range_expr("x=linspace:1,2,1").unwrap_err();
/// assert_eq!(err.to_string(), "[<class 'decimal.DivisionByZero'>]");
/// ```
pub fn parse_range_expr(arg: &str) -> Result<(String, Vec<RangeValue>), RangeExprError> {
    let (key, value) = arg.split_once('=').ok_or(RangeExprError::MissingEquals)?;
    if !is_range_key(key) {
        return Err(RangeExprError::InvalidKey);
    }
    let values = if let Some(rest) = value.strip_prefix("case:") {
        rest.split(',')
            .map(|s| RangeValue::Str(s.to_owned()))
            .collect()
    } else if let Some(rest) = value.strip_prefix("linspace:") {
        let parts: Vec<&str> = rest.split(',').collect();
        let [start, stop, num] = parts[..] else {
            return Err(RangeExprError::LinspaceArity(parts.len()));
        };
        linspace_values(start, stop, num)?
    } else if let Some(rest) = value.strip_prefix("range:") {
        let args = rest
            .split(',')
            .map(int_arg)
            .collect::<Result<Vec<_>, _>>()?;
        range_values(&args)?
    } else {
        return Err(RangeExprError::UnknownType);
    };
    Ok((key.to_owned(), values))
}
