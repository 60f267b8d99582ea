//! Parsers the CLI uses, reproducing the Python client 23.09 exactly (golden vectors in
//! `tests/fixtures/helper_vectors_23.09.10.json` and `run_range_expansion_23.09.10.json`):
//!
//! * [`parse_range_expr`] — `--env-range/--build-range/--exec-range` (`case:`, `range:`,
//!   `linspace:`), and [`expand_run_cases`] for the product of ranges;
//! * [`parse_resource_args`], [`parse_env_args`], [`parse_mount_args`] — `-r`, `-e`, `-m`;
//! * [`parse_byte_size`] — client-side sizes (`1.5m`), [`parse_binary_size`] / [`BinarySize`]
//!   — the manager's size parsing and display;
//! * [`AppArgs`] — `backend.ai app --arg/--env`.
//!
//! Every error type's `Display` is the message the Python client shows after the exception
//! name, and `python_exception()` returns that name. No parser panics on any input.

mod appargs;
mod args;
mod decimal;
mod pytext;
mod range;
mod run;
mod size;

pub use appargs::{AppArgError, AppArgValue, AppArgs};
pub use args::{
    parse_env_args, parse_mount_args, parse_resource_args, ArgError, MountArgs, OrderedPairs,
};
pub use decimal::{Decimal, DecimalSignal, DecimalToIntError};
pub(crate) use pytext::py_repr;
pub use range::{parse_range_expr, RangeExprError, RangeValue, MAX_RANGE_VALUES};
pub use run::{
    expand_run_cases, substitute_template, RunCase, RunExpandError, RunExpansion, MAX_RUN_CASES,
};
pub use size::{
    parse_binary_size, parse_byte_size, BinarySize, BinarySizeError, BinarySizeValue, ByteSizeError,
};
