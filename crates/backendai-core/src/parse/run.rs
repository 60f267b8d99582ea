//! Expansion of `backend.ai run` range options into the cases (sessions) to run.

use std::collections::HashSet;

use super::pytext::py_repr;
use super::range::RangeValue;

/// Upper bound on the number of combinations [`expand_run_cases`] will enumerate.
pub const MAX_RUN_CASES: usize = 100_000;

/// Why a run expansion failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunExpandError {
    /// A `$NAME` placeholder without a range variable of that name (Python: `KeyError`,
    /// uncaught, aborts the whole command).
    #[error("undefined template variable {}", py_repr(.0))]
    UndefinedVariable(String),
    /// A `$` not followed by `$`, an identifier or `{identifier}` (Python: `ValueError`).
    #[error("Invalid placeholder in string: line {line}, col {col}")]
    InvalidPlaceholder {
        /// 1-based line of the bad `$`.
        line: usize,
        /// Column as Python computes it.
        col: usize,
    },
    /// More than [`MAX_RUN_CASES`] combinations.
    #[error("the range options produce too many combinations (at most {MAX_RUN_CASES} allowed)")]
    TooManyCases,
}

impl RunExpandError {
    /// The Python exception class of the upstream error.
    pub fn python_exception(&self) -> &'static str {
        match self {
            Self::UndefinedVariable(_) => "KeyError",
            Self::InvalidPlaceholder { .. } => "ValueError",
            Self::TooManyCases => "MemoryError",
        }
    }
}

fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Python `str.splitlines()` line boundaries.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn invalid_placeholder(chars: &[char], i: usize) -> RunExpandError {
    // lines = template[:i].splitlines(keepends=True); col = i - len(''.join(lines[:-1]))
    let prefix = &chars[..i];
    if prefix.is_empty() {
        return RunExpandError::InvalidPlaceholder { line: 1, col: 1 };
    }
    let mut line_starts = vec![0usize];
    let mut j = 0;
    while j < prefix.len() {
        let c = prefix[j];
        if is_line_break(c) {
            let end = if c == '\r' && prefix.get(j + 1) == Some(&'\n') {
                j + 2
            } else {
                j + 1
            };
            if end < prefix.len() {
                line_starts.push(end);
            }
            j = end;
        } else {
            j += 1;
        }
    }
    let last_start = *line_starts.last().unwrap_or(&0);
    RunExpandError::InvalidPlaceholder {
        line: line_starts.len(),
        col: i - last_start,
    }
}

/// Python `string.Template(template).substitute(vars)`: `$$` → `$`, `$name` and `${name}`
/// (ASCII identifiers) are replaced by the value's `str()`.
///
/// ```
/// use backendai_core::parse::{substitute_template, RangeValue};
/// let vars = vec![("N".to_owned(), RangeValue::Int(1))];
/// assert_eq!(substitute_template("echo ${N}x $$N", &vars).unwrap(), "echo 1x $N");
/// assert!(substitute_template("echo $M", &vars).is_err());
/// ```
pub fn substitute_template(
    template: &str,
    vars: &[(String, RangeValue)],
) -> Result<String, RunExpandError> {
    let chars: Vec<char> = template.chars().collect();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.to_string())
            .ok_or_else(|| RunExpandError::UndefinedVariable(name.to_owned()))
    };
    let mut out = String::with_capacity(template.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => {
                out.push('$');
                i += 2;
            }
            Some(&c1) if is_id_start(c1) => {
                let mut j = i + 2;
                while j < chars.len() && is_id_char(chars[j]) {
                    j += 1;
                }
                let name: String = chars[i + 1..j].iter().collect();
                out.push_str(&lookup(&name)?);
                i = j;
            }
            Some('{') => {
                let start = i + 2;
                let mut j = start;
                if j < chars.len() && is_id_start(chars[j]) {
                    j += 1;
                    while j < chars.len() && is_id_char(chars[j]) {
                        j += 1;
                    }
                }
                if j > start && chars.get(j) == Some(&'}') {
                    let name: String = chars[start..j].iter().collect();
                    out.push_str(&lookup(&name)?);
                    i = j + 1;
                } else {
                    return Err(invalid_placeholder(&chars, i + 1));
                }
            }
            _ => return Err(invalid_placeholder(&chars, i + 1)),
        }
    }
    Ok(out)
}

/// One distinct case of a `run` invocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RunCase {
    /// The interpolated `-e` variables, in option order.
    pub envs: Vec<(String, String)>,
    /// The interpolated `--build` command, or `*` when none was given.
    pub build: String,
    /// The interpolated `--exec` command, or `*` when none was given.
    pub exec: String,
}

impl RunCase {
    /// The line the Python CLI prints for this case when there are several:
    /// `env = 'FOO=a BAR=const', build = '*', exec = 'python main.py 1'` (Python `repr`s).
    pub fn combination_line(&self) -> String {
        let pretty_env: Vec<String> = self.envs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!(
            "env = {}, build = {}, exec = {}",
            py_repr(&pretty_env.join(" ")),
            py_repr(&self.build),
            py_repr(&self.exec)
        )
    }
}

/// The result of [`expand_run_cases`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunExpansion {
    /// The distinct cases in first-seen order.
    pub cases: Vec<RunCase>,
}

impl RunExpansion {
    /// True when more than one distinct case exists (sessions get `-<index>` suffixes and the
    /// combinations are printed).
    pub fn is_multi(&self) -> bool {
        self.cases.len() > 1
    }

    /// The session name of case `idx`: `prefix-idx` when [`is_multi`](Self::is_multi), else
    /// `prefix`.
    pub fn session_name(&self, prefix: &str, idx: usize) -> String {
        if self.is_multi() {
            format!("{prefix}-{idx}")
        } else {
            prefix.to_owned()
        }
    }

    /// The combination lines printed for multiple cases (empty for a single case).
    pub fn combination_lines(&self) -> Vec<String> {
        if !self.is_multi() {
            return Vec::new();
        }
        self.cases.iter().map(RunCase::combination_line).collect()
    }
}

type Ranges = [(String, Vec<RangeValue>)];

/// Python `{v: r for v, r in ranges}` followed by `itertools.product`, as lists of var maps.
fn var_maps(ranges: &Ranges) -> Vec<Vec<(String, RangeValue)>> {
    let mut dict: Vec<(String, Vec<RangeValue>)> = Vec::new();
    for (k, v) in ranges {
        super::pytext::dict_set(&mut dict, k.clone(), v.clone());
    }
    let mut out: Vec<Vec<(String, RangeValue)>> = vec![Vec::new()];
    for (k, values) in &dict {
        let mut next = Vec::with_capacity(out.len() * values.len());
        for prefix in &out {
            for v in values {
                let mut m = prefix.clone();
                m.push((k.clone(), v.clone()));
                next.push(m);
            }
        }
        out = next;
    }
    out
}

fn product_size(ranges: &Ranges) -> Option<usize> {
    let mut dict: Vec<(&str, usize)> = Vec::new();
    for (k, v) in ranges {
        match dict.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v.len(),
            None => dict.push((k, v.len())),
        }
    }
    dict.iter()
        .try_fold(1usize, |acc, (_, n)| acc.checked_mul(*n))
}

/// Expands the `run` options into distinct cases, exactly like the Python CLI:
/// the product of the env, build and exec variable maps (each the product of its ranges, a
/// repeated range name keeping its first position and last values); for each combination the
/// `-e` values are substituted with the env variables, `--build` with the build variables and
/// `--exec` with the exec variables (`*` when the option is absent or empty); identical cases
/// are merged, keeping first-seen order.
///
/// ```
/// use backendai_core::parse::{expand_run_cases, parse_range_expr};
/// let envs = vec![("FOO".to_owned(), "$X".to_owned())];
/// let x = parse_range_expr("X=case:a,b").unwrap();
/// let exp = expand_run_cases(&envs, None, Some("run"), &[x], &[], &[]).unwrap();
/// assert!(exp.is_multi());
/// assert_eq!(exp.session_name("myexp", 1), "myexp-1");
/// assert_eq!(exp.cases[1].combination_line(), "env = 'FOO=b', build = '*', exec = 'run'");
/// ```
pub fn expand_run_cases(
    envs: &[(String, String)],
    build: Option<&str>,
    exec: Option<&str>,
    env_ranges: &Ranges,
    build_ranges: &Ranges,
    exec_ranges: &Ranges,
) -> Result<RunExpansion, RunExpandError> {
    let total = [env_ranges, build_ranges, exec_ranges]
        .iter()
        .try_fold(1usize, |acc, r| {
            product_size(r).and_then(|n| acc.checked_mul(n))
        });
    if total.is_none_or(|t| t > MAX_RUN_CASES) {
        return Err(RunExpandError::TooManyCases);
    }
    let env_maps = var_maps(env_ranges);
    let build_maps = var_maps(build_ranges);
    let exec_maps = var_maps(exec_ranges);
    let build = build.filter(|b| !b.is_empty());
    let exec = exec.filter(|e| !e.is_empty());
    let mut cases: Vec<RunCase> = Vec::new();
    let mut seen: HashSet<RunCase> = HashSet::new();
    for env_vars in &env_maps {
        for build_vars in &build_maps {
            for exec_vars in &exec_maps {
                let envs = envs
                    .iter()
                    .map(|(k, t)| Ok((k.clone(), substitute_template(t, env_vars)?)))
                    .collect::<Result<Vec<_>, RunExpandError>>()?;
                let build = match build {
                    Some(t) => substitute_template(t, build_vars)?,
                    None => "*".to_owned(),
                };
                let exec = match exec {
                    Some(t) => substitute_template(t, exec_vars)?,
                    None => "*".to_owned(),
                };
                let case = RunCase { envs, build, exec };
                if seen.insert(case.clone()) {
                    cases.push(case);
                }
            }
        }
    }
    Ok(RunExpansion { cases })
}
