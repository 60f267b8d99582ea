//! A small decimal number type that reproduces Python's `decimal.Decimal` under the default
//! context (28 significant digits, `ROUND_HALF_EVEN`, `Emax = 999999`, `Emin = -999999`,
//! traps on `InvalidOperation`, `DivisionByZero` and `Overflow`).
//!
//! Only what the CLI parsers need is implemented: parsing, `str()`, `+`, `-`, `*`, `/`,
//! `quantize`, `normalize` and truncation to an integer. Results match Python digit for digit,
//! including the exponent (so `0.25 * 0` prints as `0.00`, like Python).

use std::cmp::Ordering;
use std::fmt;

/// Precision of Python's default decimal context.
const PREC: i64 = 28;
/// Largest adjusted exponent of the default context.
const EMAX: i64 = 999_999;
/// Smallest normal adjusted exponent of the default context.
const EMIN: i64 = -999_999;
/// Smallest exponent a subnormal result may have (`Emin - prec + 1`).
const ETINY: i64 = EMIN - PREC + 1;
/// Parsed exponents beyond this magnitude are rejected (keeps exponent arithmetic in `i64`).
const EXP_LIMIT: i64 = 1_000_000_000_000_000;

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

/// Big-endian decimal digits (values 0..=9) without leading zeros; zero is the empty vector.
type Digits = Vec<u8>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Value {
    Finite { coef: Digits, exp: i64 },
    Infinite,
    NaN { signaling: bool, payload: Digits },
}

/// A decimal number with Python `decimal.Decimal` semantics (see the module docs).
///
/// ```
/// use backendai_core::parse::Decimal;
/// let a: Decimal = "1".parse().unwrap();
/// let b: Decimal = "3".parse().unwrap();
/// assert_eq!(a.div(&b).unwrap().to_string(), "0.3333333333333333333333333333");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    neg: bool,
    value: Value,
}

fn trim_leading_zeros(mut d: Digits) -> Digits {
    let nz = d.iter().position(|&x| x != 0).unwrap_or(d.len());
    d.drain(..nz);
    d
}

fn cmp_mag(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn add_mag(a: &[u8], b: &[u8]) -> Digits {
    let n = a.len().max(b.len());
    let mut out = vec![0u8; n + 1];
    let mut carry = 0u8;
    for i in 0..n {
        let x = if i < a.len() { a[a.len() - 1 - i] } else { 0 };
        let y = if i < b.len() { b[b.len() - 1 - i] } else { 0 };
        let s = x + y + carry;
        out[n - i] = s % 10;
        carry = s / 10;
    }
    out[0] = carry;
    trim_leading_zeros(out)
}

/// `a - b`, requires `a >= b`.
fn sub_mag(a: &[u8], b: &[u8]) -> Digits {
    let mut out = a.to_vec();
    let mut borrow = 0i16;
    for i in 0..a.len() {
        let idx = a.len() - 1 - i;
        let y = if i < b.len() {
            b[b.len() - 1 - i] as i16
        } else {
            0
        };
        let mut v = a[idx] as i16 - y - borrow;
        if v < 0 {
            v += 10;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out[idx] = v as u8;
    }
    trim_leading_zeros(out)
}

fn mul_mag(a: &[u8], b: &[u8]) -> Digits {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut acc = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().rev().enumerate() {
        for (j, &y) in b.iter().rev().enumerate() {
            acc[i + j] += x as u32 * y as u32;
        }
        // keep accumulators small
        let mut carry = 0u32;
        for v in acc.iter_mut() {
            let s = *v + carry;
            *v = s % 10;
            carry = s / 10;
        }
    }
    let out: Digits = acc.iter().rev().map(|&v| v as u8).collect();
    trim_leading_zeros(out)
}

/// Long division, returns (quotient, remainder). `b` must be non-zero.
fn divmod_mag(a: &[u8], b: &[u8]) -> (Digits, Digits) {
    let mut q = Vec::with_capacity(a.len());
    let mut r: Digits = Vec::new();
    for &d in a {
        r.push(d);
        r = trim_leading_zeros(r);
        let mut qd = 0u8;
        while cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            qd += 1;
        }
        q.push(qd);
    }
    (trim_leading_zeros(q), r)
}

fn pow10_shift(a: &[u8], k: usize) -> Digits {
    if a.is_empty() {
        return Vec::new();
    }
    let mut out = a.to_vec();
    out.extend(std::iter::repeat_n(0u8, k));
    out
}

fn digits_from_u128(mut v: u128) -> Digits {
    let mut out = Vec::new();
    while v > 0 {
        out.push((v % 10) as u8);
        v /= 10;
    }
    out.reverse();
    out
}

/// Drops `k` low digits with ROUND_HALF_EVEN. Returns the rounded coefficient.
fn round_half_even(coef: &[u8], k: usize) -> Digits {
    if k == 0 {
        return coef.to_vec();
    }
    let n = coef.len();
    if k > n {
        return Vec::new();
    }
    let (keep, dropped) = coef.split_at(n - k);
    let first = dropped[0];
    let rest_nonzero = dropped[1..].iter().any(|&d| d != 0);
    let last_odd = keep.last().is_some_and(|&d| d % 2 == 1);
    let round_up = first > 5 || (first == 5 && (rest_nonzero || last_odd));
    let keep = trim_leading_zeros(keep.to_vec());
    if round_up {
        add_mag(&keep, &[1])
    } else {
        keep
    }
}

fn len_i64(d: &[u8]) -> i64 {
    i64::try_from(d.len()).unwrap_or(i64::MAX)
}

impl Decimal {
    fn finite(neg: bool, coef: Digits, exp: i64) -> Self {
        Decimal {
            neg,
            value: Value::Finite { coef, exp },
        }
    }

    fn nan() -> Self {
        Decimal {
            neg: false,
            value: Value::NaN {
                signaling: false,
                payload: Vec::new(),
            },
        }
    }

    /// An exact decimal with the given integer value (exponent 0).
    pub fn from_i128(v: i128) -> Self {
        Decimal::finite(v < 0, digits_from_u128(v.unsigned_abs()), 0)
    }

    /// True for `Infinity` / `-Infinity`.
    pub fn is_infinite(&self) -> bool {
        matches!(self.value, Value::Infinite)
    }

    /// True for quiet or signalling NaN.
    pub fn is_nan(&self) -> bool {
        matches!(self.value, Value::NaN { .. })
    }

    /// True when the value is finite and zero (either sign).
    pub fn is_zero(&self) -> bool {
        matches!(&self.value, Value::Finite { coef, .. } if coef.is_empty())
    }

    /// True when the sign bit is set (also for `-0`).
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Rounds an exact intermediate result to the context (Python `_fix`).
    fn fix(neg: bool, coef: Digits, exp: i64) -> Result<Self, DecimalSignal> {
        let coef = trim_leading_zeros(coef);
        if coef.is_empty() {
            return Ok(Decimal::finite(neg, coef, exp.clamp(ETINY, EMAX)));
        }
        let n = len_i64(&coef);
        let mut target = exp;
        if n > PREC {
            target = exp.saturating_add(n - PREC);
        }
        if target < ETINY {
            target = ETINY;
        }
        let (mut coef, mut exp) = (coef, exp);
        if target > exp {
            let k = usize::try_from(target - exp).unwrap_or(usize::MAX);
            coef = round_half_even(&coef, k);
            exp = target;
            if len_i64(&coef) > PREC {
                coef.pop();
                exp += 1;
            }
        }
        if !coef.is_empty() && exp.saturating_add(len_i64(&coef) - 1) > EMAX {
            return Err(DecimalSignal::Overflow);
        }
        Ok(Decimal::finite(neg, coef, exp))
    }

    fn nan_result(&self, other: Option<&Decimal>) -> Option<Result<Decimal, DecimalSignal>> {
        let is_snan = |d: &Decimal| {
            matches!(
                d.value,
                Value::NaN {
                    signaling: true,
                    ..
                }
            )
        };
        if is_snan(self) || other.is_some_and(is_snan) {
            return Some(Err(DecimalSignal::InvalidOperation));
        }
        if self.is_nan() {
            return Some(Ok(self.clone()));
        }
        if let Some(o) = other {
            if o.is_nan() {
                return Some(Ok(o.clone()));
            }
        }
        None
    }

    /// `self + other` under the default context.
    pub fn add(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        if let Some(r) = self.nan_result(Some(other)) {
            return r;
        }
        match (&self.value, &other.value) {
            (Value::Infinite, Value::Infinite) => {
                if self.neg != other.neg {
                    Err(DecimalSignal::InvalidOperation)
                } else {
                    Ok(self.clone())
                }
            }
            (Value::Infinite, _) => Ok(self.clone()),
            (_, Value::Infinite) => Ok(other.clone()),
            (Value::Finite { coef: ca, exp: ea }, Value::Finite { coef: cb, exp: eb }) => {
                Self::add_finite(self.neg, ca, *ea, other.neg, cb, *eb)
            }
            _ => Ok(Decimal::nan()),
        }
    }

    fn add_finite(
        sa: bool,
        ca: &[u8],
        ea: i64,
        sb: bool,
        cb: &[u8],
        eb: i64,
    ) -> Result<Decimal, DecimalSignal> {
        let exp = ea.min(eb);
        if ca.is_empty() && cb.is_empty() {
            return Self::fix(sa && sb, Vec::new(), exp);
        }
        if ca.is_empty() || cb.is_empty() {
            // x + 0: rescale x to max(exp, x.exp - prec - 1) (only ever pads zeros)
            let (s, c, e) = if ca.is_empty() {
                (sb, cb, eb)
            } else {
                (sa, ca, ea)
            };
            let new_exp = exp.max(e - PREC - 1);
            let pad = usize::try_from(e - new_exp).unwrap_or(0);
            return Self::fix(s, pow10_shift(c, pad), new_exp);
        }
        // _normalize: replace a negligible operand by a sticky 10**exp
        let (mut big, big_exp, mut small, mut small_exp, big_is_a) = if ea < eb {
            (cb.to_vec(), eb, ca.to_vec(), ea, false)
        } else {
            (ca.to_vec(), ea, cb.to_vec(), eb, true)
        };
        let tmp_len = len_i64(&big);
        let lim = big_exp + (-1i64).min(tmp_len - PREC - 2);
        if len_i64(&small) + small_exp - 1 < lim {
            small = vec![1];
            small_exp = lim;
        }
        let shift = usize::try_from(big_exp - small_exp).unwrap_or(0);
        big = pow10_shift(&big, shift);
        let (c1, s1, c2, s2) = if big_is_a {
            (big, sa, small, sb)
        } else {
            (small, sa, big, sb)
        };
        let res_exp = small_exp;
        if s1 != s2 {
            match cmp_mag(&c1, &c2) {
                Ordering::Equal => Self::fix(false, Vec::new(), exp),
                Ordering::Greater => Self::fix(s1, sub_mag(&c1, &c2), res_exp),
                Ordering::Less => Self::fix(s2, sub_mag(&c2, &c1), res_exp),
            }
        } else {
            Self::fix(s1, add_mag(&c1, &c2), res_exp)
        }
    }

    /// `self - other` under the default context.
    pub fn sub(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        let mut neg = other.clone();
        if !neg.is_nan() {
            neg.neg = !neg.neg;
        }
        if let Some(r) = self.nan_result(Some(other)) {
            return r;
        }
        self.add(&neg)
    }

    /// `self * other` under the default context.
    pub fn mul(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        if let Some(r) = self.nan_result(Some(other)) {
            return r;
        }
        let sign = self.neg ^ other.neg;
        match (&self.value, &other.value) {
            (Value::Infinite, _) | (_, Value::Infinite) => {
                if self.is_zero() || other.is_zero() {
                    Err(DecimalSignal::InvalidOperation)
                } else {
                    Ok(Decimal {
                        neg: sign,
                        value: Value::Infinite,
                    })
                }
            }
            (Value::Finite { coef: ca, exp: ea }, Value::Finite { coef: cb, exp: eb }) => {
                Self::fix(sign, mul_mag(ca, cb), ea.saturating_add(*eb))
            }
            _ => Ok(Decimal::nan()),
        }
    }

    /// `self / other` under the default context.
    pub fn div(&self, other: &Decimal) -> Result<Decimal, DecimalSignal> {
        if let Some(r) = self.nan_result(Some(other)) {
            return r;
        }
        let sign = self.neg ^ other.neg;
        match (&self.value, &other.value) {
            (Value::Infinite, Value::Infinite) => Err(DecimalSignal::InvalidOperation),
            (Value::Infinite, _) => Ok(Decimal {
                neg: sign,
                value: Value::Infinite,
            }),
            (_, Value::Infinite) => Ok(Decimal::finite(sign, Vec::new(), ETINY)),
            (Value::Finite { coef: ca, exp: ea }, Value::Finite { coef: cb, exp: eb }) => {
                if cb.is_empty() {
                    return Err(if ca.is_empty() {
                        DecimalSignal::DivisionUndefined
                    } else {
                        DecimalSignal::DivisionByZero
                    });
                }
                if ca.is_empty() {
                    return Self::fix(sign, Vec::new(), ea - eb);
                }
                let shift = len_i64(cb) - len_i64(ca) + PREC + 1;
                let mut exp = ea - eb - shift;
                let (mut coeff, rem) = if shift >= 0 {
                    divmod_mag(&pow10_shift(ca, shift as usize), cb)
                } else {
                    divmod_mag(ca, &pow10_shift(cb, (-shift) as usize))
                };
                if !rem.is_empty() {
                    if coeff.last().is_none_or(|&d| d == 0 || d == 5) {
                        coeff = add_mag(&coeff, &[1]);
                    }
                } else {
                    let ideal = ea - eb;
                    while exp < ideal && coeff.last() == Some(&0) {
                        coeff.pop();
                        exp += 1;
                    }
                }
                Self::fix(sign, coeff, exp)
            }
            _ => Ok(Decimal::nan()),
        }
    }

    /// Python `quantize(Decimal('1E<exp>'))`: rounds (half-even) or pads to the exponent.
    ///
    /// Fails with `InvalidOperation` when the result would need more than 28 digits or when
    /// `self` is infinite.
    pub fn quantize(&self, exp: i64) -> Result<Decimal, DecimalSignal> {
        if let Some(r) = self.nan_result(None) {
            return r;
        }
        let Value::Finite { coef, exp: e } = &self.value else {
            return Err(DecimalSignal::InvalidOperation);
        };
        let coef = if exp >= *e {
            round_half_even(coef, usize::try_from(exp - e).unwrap_or(usize::MAX))
        } else {
            let pad = exp.abs_diff(*e);
            if pad > PREC as u64 + 1 {
                return Err(DecimalSignal::InvalidOperation);
            }
            pow10_shift(coef, pad as usize)
        };
        if len_i64(&coef) > PREC {
            return Err(DecimalSignal::InvalidOperation);
        }
        Ok(Decimal::finite(self.neg, coef, exp))
    }

    /// Python `normalize()`: strips trailing zeros (`10.00` → `1E+1`, zero → `0`).
    pub fn normalize(&self) -> Result<Decimal, DecimalSignal> {
        if let Some(r) = self.nan_result(None) {
            return r;
        }
        let Value::Finite { coef, exp } = &self.value else {
            return Ok(self.clone());
        };
        let fixed = Self::fix(self.neg, coef.clone(), *exp)?;
        let Value::Finite { mut coef, mut exp } = fixed.value else {
            return Ok(fixed);
        };
        if coef.is_empty() {
            return Ok(Decimal::finite(self.neg, coef, 0));
        }
        while coef.last() == Some(&0) && exp < EMAX {
            coef.pop();
            exp += 1;
        }
        Ok(Decimal::finite(self.neg, coef, exp))
    }

    /// True when the value is a finite integer (`d == d.to_integral()`).
    pub fn is_integral(&self) -> bool {
        match &self.value {
            Value::Finite { coef, exp } => {
                if *exp >= 0 {
                    return true;
                }
                let k = usize::try_from(exp.unsigned_abs()).unwrap_or(usize::MAX);
                coef.iter().rev().take(k).all(|&d| d == 0)
            }
            _ => false,
        }
    }

    /// Python `int(d)` (truncation toward zero), limited to `i128`.
    pub fn to_i128_trunc(&self) -> Result<i128, DecimalToIntError> {
        let Value::Finite { coef, exp } = &self.value else {
            return Err(if self.is_nan() {
                DecimalToIntError::NaN
            } else {
                DecimalToIntError::Infinite
            });
        };
        let digits: Digits = if *exp >= 0 {
            if len_i64(coef) + exp > 40 {
                return Err(DecimalToIntError::TooLarge);
            }
            pow10_shift(coef, *exp as usize)
        } else {
            let k = usize::try_from(exp.unsigned_abs()).unwrap_or(usize::MAX);
            if k >= coef.len() {
                Vec::new()
            } else {
                coef[..coef.len() - k].to_vec()
            }
        };
        let mut v: i128 = 0;
        for d in digits {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as i128))
                .ok_or(DecimalToIntError::TooLarge)?;
        }
        Ok(if self.neg { -v } else { v })
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

fn parse_digits(s: &str) -> Option<Digits> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(trim_leading_zeros(s.bytes().map(|b| b - b'0').collect()))
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
        let (neg, body) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t.as_str()),
        };
        let lower = body.to_ascii_lowercase();
        if lower == "inf" || lower == "infinity" {
            return Ok(Decimal {
                neg,
                value: Value::Infinite,
            });
        }
        for (prefix, signaling) in [("snan", true), ("nan", false)] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let payload = if rest.is_empty() {
                    Vec::new()
                } else {
                    parse_digits(rest).ok_or(DecimalSignal::ConversionSyntax)?
                };
                return Ok(Decimal {
                    neg,
                    value: Value::NaN { signaling, payload },
                });
            }
        }
        let (mant, exp_part) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int_part, frac_part) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(DecimalSignal::ConversionSyntax);
        }
        let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !all_digits(frac_part) {
            return Err(DecimalSignal::ConversionSyntax);
        }
        let mut exp: i64 = 0;
        if let Some(e) = exp_part {
            let (eneg, edigits) = match e.as_bytes().first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if edigits.is_empty() || !all_digits(edigits) {
                return Err(DecimalSignal::ConversionSyntax);
            }
            let trimmed = edigits.trim_start_matches('0');
            if trimmed.len() > 17 {
                return Err(DecimalSignal::ConversionSyntax);
            }
            let v: i64 = if trimmed.is_empty() {
                0
            } else {
                trimmed
                    .parse()
                    .map_err(|_| DecimalSignal::ConversionSyntax)?
            };
            if v > EXP_LIMIT {
                return Err(DecimalSignal::ConversionSyntax);
            }
            exp = if eneg { -v } else { v };
        }
        let frac_len =
            i64::try_from(frac_part.len()).map_err(|_| DecimalSignal::ConversionSyntax)?;
        if frac_len > EXP_LIMIT {
            return Err(DecimalSignal::ConversionSyntax);
        }
        let coef: Digits = trim_leading_zeros(
            int_part
                .bytes()
                .chain(frac_part.bytes())
                .map(|b| b - b'0')
                .collect(),
        );
        Ok(Decimal::finite(neg, coef, exp - frac_len))
    }
}

impl fmt::Display for Decimal {
    /// Python `str(Decimal)` (scientific notation when the exponent is positive or the number
    /// is very small, exactly like Python).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.neg { "-" } else { "" };
        match &self.value {
            Value::Infinite => write!(f, "{sign}Infinity"),
            Value::NaN { signaling, payload } => {
                let p: String = payload.iter().map(|d| char::from(b'0' + d)).collect();
                write!(f, "{sign}{}NaN{p}", if *signaling { "s" } else { "" })
            }
            Value::Finite { coef, exp } => {
                let digits: String = if coef.is_empty() {
                    "0".to_owned()
                } else {
                    coef.iter().map(|d| char::from(b'0' + d)).collect()
                };
                let n = len_i64(digits.as_bytes());
                let leftdigits = exp + n;
                let dotplace = if *exp <= 0 && leftdigits > -6 {
                    leftdigits
                } else {
                    1
                };
                let (intpart, fracpart) = if dotplace <= 0 {
                    (
                        "0".to_owned(),
                        format!(".{}{}", "0".repeat((-dotplace) as usize), digits),
                    )
                } else if dotplace >= n {
                    (
                        format!("{}{}", digits, "0".repeat((dotplace - n) as usize)),
                        String::new(),
                    )
                } else {
                    let d = dotplace as usize;
                    (digits[..d].to_owned(), format!(".{}", &digits[d..]))
                };
                let expstr = if leftdigits == dotplace {
                    String::new()
                } else {
                    format!("E{:+}", leftdigits - dotplace)
                };
                write!(f, "{sign}{intpart}{fracpart}{expstr}")
            }
        }
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
        assert_eq!(d("-1.9").to_i128_trunc(), Ok(-1));
        assert_eq!(d("1.5e3").to_i128_trunc(), Ok(1500));
    }
}
