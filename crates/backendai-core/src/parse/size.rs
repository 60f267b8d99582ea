//! Byte sizes: the client's `ByteSizeParamType` (`1.5m` → bytes) and the manager's
//! `BinarySize` (parse and `str()`), which the CLI uses to preview what the server will do.

use std::fmt;

use super::decimal::{Decimal, DecimalSignal, DecimalToIntError};
use super::pytext::{py_int, py_repr, py_strip, PyIntError};

/// Why a client-side byte size (`ByteSizeParamType`) was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ByteSizeError {
    /// Not `DIGITS[.DIGITS][kmgtpe]` (case-insensitive).
    #[error("{} is not a valid byte-size expression", py_repr(.0))]
    Invalid(String),
    /// The number is too large for a float (Python: `OverflowError`).
    #[error("cannot convert float infinity to integer")]
    Infinite,
    /// The result does not fit in 128 bits (Python would produce a big integer).
    #[error("byte size too large")]
    TooLarge,
}

impl ByteSizeError {
    /// The Python exception class of the upstream error.
    pub fn python_exception(&self) -> &'static str {
        match self {
            ByteSizeError::Invalid(_) => "BadParameter",
            ByteSizeError::Infinite | ByteSizeError::TooLarge => "OverflowError",
        }
    }
}

/// Parses a client-side byte size like the Python CLI's `ByteSizeParamType`: regex
/// `^(\d+(?:\.\d*)?)([kmgtpe]?)$` (case-insensitive), the number read as a float, multiplied
/// by the binary unit and truncated to an integer.
///
/// ```
/// use backendai_core::parse::parse_byte_size;
/// assert_eq!(parse_byte_size("1.5m").unwrap(), 1_572_864);
/// assert_eq!(parse_byte_size("1.999k").unwrap(), 2046);
/// assert_eq!(
///     parse_byte_size("1kb").unwrap_err().to_string(),
///     "'1kb' is not a valid byte-size expression"
/// );
/// ```
pub fn parse_byte_size(value: &str) -> Result<u128, ByteSizeError> {
    let invalid = || ByteSizeError::Invalid(value.to_owned());
    // Python's `$` also matches just before a trailing newline.
    let body = value.strip_suffix('\n').unwrap_or(value);
    let (num, scale) = match body.chars().last() {
        Some(c) if !c.is_ascii_digit() && c != '.' => {
            let shift = match c {
                'k' | 'K' | '\u{212a}' => 10,
                'm' | 'M' => 20,
                'g' | 'G' => 30,
                't' | 'T' => 40,
                'p' | 'P' => 50,
                'e' | 'E' => 60,
                _ => return Err(invalid()),
            };
            (&body[..body.len() - c.len_utf8()], shift)
        }
        _ => (body, 0),
    };
    let (int_part, frac_part) = match num.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (num, None),
    };
    if int_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.unwrap_or("").bytes().all(|b| b.is_ascii_digit())
    {
        return Err(invalid());
    }
    let size: f64 = num.parse().map_err(|_| invalid())?;
    let scaled = size * f64::from(1u32 << (scale / 2)) * f64::from(1u32 << (scale - scale / 2));
    if scaled.is_infinite() {
        return Err(ByteSizeError::Infinite);
    }
    // 2^128 as f64; every float below it converts exactly after truncation.
    if scaled >= 340_282_366_920_938_463_463_374_607_431_768_211_456.0 {
        return Err(ByteSizeError::TooLarge);
    }
    Ok(scaled.trunc() as u128)
}

/// A byte count as the manager's `BinarySize` sees it. `Display` reproduces Python's
/// `str(BinarySize(n))` (`0 bytes`, `1 byte`, `1.5 KiB`, `8 GiB`, even the quirky `1E+1 KiB`
/// for 10241).
///
/// ```
/// use backendai_core::parse::BinarySize;
/// assert_eq!(BinarySize(1536).to_string(), "1.5 KiB");
/// assert_eq!(BinarySize(8_589_934_592).to_string(), "8 GiB");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BinarySize(pub i128);

/// A value parsed by [`parse_binary_size`]: bytes, or infinity (`inf`, `infinity`, `infinite`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinarySizeValue {
    /// A (possibly negative) number of bytes.
    Bytes(i128),
    /// `Decimal('Infinity')`.
    Infinity,
}

/// Why the manager would reject a size string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BinarySizeError {
    /// A number without a unit that is not an integer.
    #[error("Fractional bytes are not allowed")]
    Fractional,
    /// Unknown unit or unparsable number; carries the original text.
    #[error("('Unconvertible value', {})", py_repr(.0))]
    Unconvertible(String),
    /// Empty input or a bare unit ending such as `b` (Python: `IndexError`).
    #[error("string index out of range")]
    Empty,
    /// Decimal arithmetic failed (overflow, signalling NaN).
    #[error("{0}")]
    Decimal(DecimalSignal),
    /// The number is NaN, infinite with a unit, or does not fit in 128 bits.
    #[error("{0}")]
    ToInt(DecimalToIntError),
}

impl BinarySizeError {
    /// The Python exception class of the upstream error.
    pub fn python_exception(&self) -> &'static str {
        match self {
            Self::Fractional | Self::Unconvertible(_) => "ValueError",
            Self::Empty => "IndexError",
            Self::Decimal(sig) => sig.python_exception(),
            Self::ToInt(DecimalToIntError::NaN) => "ValueError",
            Self::ToInt(_) => "OverflowError",
        }
    }
}

const BINARY_SUFFIXES: [char; 9] = [' ', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

fn suffix_shift(c: char) -> Option<u32> {
    Some(match c {
        ' ' => 0,
        'k' => 10,
        'm' => 20,
        'g' => 30,
        't' => 40,
        'p' => 50,
        'e' => 60,
        'z' => 70,
        'y' => 80,
        _ => return None,
    })
}

/// Parses a size the way the manager's `BinarySize.from_str` does (`8g`, `8 GiB`, `100mib`,
/// `1_000`, `1.5g`, `inf`; integers may be negative; fractional results are truncated).
///
/// ```
/// use backendai_core::parse::{parse_binary_size, BinarySizeValue};
/// assert_eq!(parse_binary_size("8 GiB").unwrap(), BinarySizeValue::Bytes(8 << 30));
/// assert_eq!(parse_binary_size("inf").unwrap(), BinarySizeValue::Infinity);
/// assert_eq!(parse_binary_size("1.5").unwrap_err().to_string(), "Fractional bytes are not allowed");
/// ```
pub fn parse_binary_size(expr: &str) -> Result<BinarySizeValue, BinarySizeError> {
    let lower = expr.to_lowercase();
    if matches!(lower.as_str(), "inf" | "infinite" | "infinity") {
        return Ok(BinarySizeValue::Infinity);
    }
    let stripped: String = py_strip(expr).chars().filter(|&c| c != '_').collect();
    match py_int(&stripped) {
        Ok(v) => return Ok(BinarySizeValue::Bytes(v)),
        Err(PyIntError::TooLarge) => {
            return Err(BinarySizeError::ToInt(DecimalToIntError::TooLarge));
        }
        Err(PyIntError::Invalid) => {}
    }
    let chars: Vec<char> = stripped.to_lowercase().chars().collect();
    let unconvertible = || BinarySizeError::Unconvertible(expr.to_owned());
    let endings = ["ibytes", "ibyte", "ib", "bytes", "byte", "b"];
    let text: String = chars.iter().collect();
    let (suffix, number): (char, String) =
        if let Some(ending) = endings.iter().find(|e| text.ends_with(*e)) {
            let len = ending.chars().count() + 1;
            if len > chars.len() {
                return Err(BinarySizeError::Empty);
            }
            (
                chars[chars.len() - len],
                chars[..chars.len() - len].iter().collect(),
            )
        } else {
            let last = *chars.last().ok_or(BinarySizeError::Empty)?;
            if last.is_numeric() {
                return Err(BinarySizeError::Fractional);
            }
            (last, chars[..chars.len() - 1].iter().collect())
        };
    let dec: Decimal = number.parse().map_err(|_| unconvertible())?;
    let shift = suffix_shift(suffix).ok_or_else(unconvertible)?;
    let multiplier = Decimal::from_i128(1i128 << shift);
    let product = dec.mul(&multiplier).map_err(BinarySizeError::Decimal)?;
    product
        .to_i128_trunc()
        .map(BinarySizeValue::Bytes)
        .map_err(BinarySizeError::ToInt)
}

impl fmt::Display for BinarySize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        let mut scale = n;
        let mut idx = 0usize;
        while scale >= 1024 && idx < BINARY_SUFFIXES.len() - 1 {
            scale /= 1024;
            idx += 1;
        }
        if idx == 0 {
            return if n == 1 {
                write!(f, "1 byte")
            } else {
                write!(f, "{n} bytes")
            };
        }
        let suffix = BINARY_SUFFIXES[idx];
        let multiplier = Decimal::from_i128(1i128 << (10 * idx));
        let quantized = Decimal::from_i128(n).div(&multiplier).and_then(|d| {
            if d.is_integral() {
                d.quantize(0)
            } else {
                d.quantize(-2).and_then(|q| q.normalize())
            }
        });
        match quantized {
            Ok(v) => write!(f, "{v} {suffix}iB"),
            // not reachable for i128 inputs; keep Display total anyway
            Err(_) => write!(f, "{n} bytes"),
        }
    }
}
