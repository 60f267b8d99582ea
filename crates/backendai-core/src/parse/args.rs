//! `-r/--resources`, `--resource-opts`, `-e/--env` and `-m/--mount` arguments of
//! `run`/`start`/`session create` (Python `prepare_{resource,env,mount}_arg`).

use super::pytext::dict_set;

/// An insertion-ordered list of `key → value` pairs with Python `dict` semantics (a repeated
/// key keeps its first position and takes the last value).
pub type OrderedPairs = Vec<(String, String)>;

/// Why a `KEY=VALUE` list was rejected. `Display` is the text Python prints after the exception
/// name ([`ArgError::python_exception`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgError {
    /// An item without `=` (the item is kept for the caller's message).
    #[error("not enough values to unpack (expected 2, got 1)")]
    MissingEquals(String),
    /// `mem=` with an empty value.
    #[error("string index out of range")]
    EmptyMem,
}

impl ArgError {
    /// The Python exception class of the upstream error (`ValueError` or `IndexError`).
    pub fn python_exception(&self) -> &'static str {
        match self {
            ArgError::MissingEquals(_) => "ValueError",
            ArgError::EmptyMem => "IndexError",
        }
    }
}

fn split_pairs<S: AsRef<str>>(items: &[S]) -> Result<OrderedPairs, ArgError> {
    let mut out = OrderedPairs::new();
    for item in items {
        let item = item.as_ref();
        let (k, v) = item
            .split_once('=')
            .ok_or_else(|| ArgError::MissingEquals(item.to_owned()))?;
        dict_set(&mut out, k.to_owned(), v.to_owned());
    }
    Ok(out)
}

/// Parses resource arguments (`cpu=4 mem=8g cuda.shares=2`). When `mem` does not end with a
/// letter, `m` is appended (the CLI's default unit is MiB): `mem=512` → `512m`, `mem=1.5` →
/// `1.5m`, while `8g`, `8G` and `8gb` stay as given. The values are sent to the server as text.
///
/// ```
/// use backendai_core::parse::parse_resource_args;
/// let r = parse_resource_args(&["cpu=2", "mem=512", "cuda.shares=0.5"]).unwrap();
/// assert_eq!(r, vec![
///     ("cpu".to_owned(), "2".to_owned()),
///     ("mem".to_owned(), "512m".to_owned()),
///     ("cuda.shares".to_owned(), "0.5".to_owned()),
/// ]);
/// assert!(parse_resource_args(&["cpu"]).is_err());
/// ```
pub fn parse_resource_args<S: AsRef<str>>(items: &[S]) -> Result<OrderedPairs, ArgError> {
    let mut out = split_pairs(items)?;
    if let Some((_, mem)) = out.iter_mut().find(|(k, _)| k == "mem") {
        let last = mem.chars().last().ok_or(ArgError::EmptyMem)?;
        if !last.is_alphabetic() {
            mem.push('m');
        }
    }
    Ok(out)
}

/// Parses `-e/--env KEY=VALUE` items (split at the first `=`; `C=` gives an empty value).
///
/// ```
/// use backendai_core::parse::parse_env_args;
/// let e = parse_env_args(&["A=1", "B=x=y"]).unwrap();
/// assert_eq!(e[1], ("B".to_owned(), "x=y".to_owned()));
/// ```
pub fn parse_env_args<S: AsRef<str>>(items: &[S]) -> Result<OrderedPairs, ArgError> {
    split_pairs(items)
}

/// Parsed `-m/--mount` arguments: the vfolder names and the name → in-container path map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MountArgs {
    /// The distinct vfolder names, sorted (Python builds them from a `set`, order unspecified).
    pub names: Vec<String>,
    /// `name → mount path` for the items that gave one (`name=path` or `name:path`).
    pub mount_map: OrderedPairs,
}

/// Parses mount arguments: `NAME`, `NAME=PATH` or `NAME:PATH` (split at the first `=` if there
/// is one, otherwise at the first `:`). Never fails.
///
/// ```
/// use backendai_core::parse::parse_mount_args;
/// let m = parse_mount_args(&["data2", "data1:/home/work/d1", "a=b:c"]);
/// assert_eq!(m.names, ["a", "data1", "data2"]);
/// assert_eq!(m.mount_map[0], ("data1".to_owned(), "/home/work/d1".to_owned()));
/// assert_eq!(m.mount_map[1], ("a".to_owned(), "b:c".to_owned()));
/// ```
pub fn parse_mount_args<S: AsRef<str>>(items: &[S]) -> MountArgs {
    let mut names: Vec<String> = Vec::new();
    let mut mount_map = OrderedPairs::new();
    for item in items {
        let item = item.as_ref();
        let split = item.split_once('=').or_else(|| item.split_once(':'));
        let name = match split {
            Some((name, path)) => {
                dict_set(&mut mount_map, name.to_owned(), path.to_owned());
                name
            }
            None => item,
        };
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    MountArgs { names, mount_map }
}
