//! Session rows for the large points of the `ps` curve, written straight into the stack's
//! database.
//!
//! Why not the API: the 23.09 manager enqueues 20-40 sessions a minute on this machine (its
//! log shows serialization conflicts between concurrent creates and the scheduler), so 1 000
//! sessions would take the bench half an hour to create and as long to destroy. `ps` only
//! reads rows, so the rows beyond what the API created are copies of one API-created session
//! (its `sessions` row and its `kernels` rows, every column), each with its own id and name,
//! marked TERMINATED so that the scheduler and the agents never see them. `ps --all` lists
//! them like any ended session, for both clients alike. They are deleted at the end.

use anyhow::{bail, Context, Result};

use crate::stack;

/// Copies the session named `template` (with its kernels) `count` times, named
/// `{prefix}{first}` .. `{prefix}{first + count - 1}`, as TERMINATED sessions.
pub(super) fn copy_session(template: &str, prefix: &str, first: usize, count: usize) -> Result<()> {
    check_name(template)?;
    check_name(prefix)?;
    let id = stack::sql(&format!(
        "SELECT id FROM sessions WHERE name = '{template}' ORDER BY created_at DESC LIMIT 1"
    ))?;
    if id.is_empty() {
        bail!("no session named {template} in the stack's database");
    }
    let last = first + count - 1;
    // One transaction: the temporary tables hold the copies until they are inserted, so the
    // columns never need naming (they follow whatever the 23.09 schema has).
    stack::sql(&format!(
        "BEGIN;
         CREATE TEMP TABLE bench_s ON COMMIT DROP AS
           SELECT s.*, g AS bench_n, gen_random_uuid() AS bench_id
           FROM sessions s, generate_series({first}, {last}) g WHERE s.id = '{id}';
         CREATE TEMP TABLE bench_k ON COMMIT DROP AS
           SELECT k.*, c.bench_n, c.bench_id FROM kernels k, bench_s c WHERE k.session_id = '{id}';
         UPDATE bench_s SET id = bench_id, name = '{prefix}' || bench_n,
           status = 'TERMINATED', terminated_at = now();
         UPDATE bench_k SET id = gen_random_uuid(), session_id = bench_id,
           session_name = '{prefix}' || bench_n, status = 'TERMINATED', terminated_at = now();
         ALTER TABLE bench_s DROP COLUMN bench_n, DROP COLUMN bench_id;
         ALTER TABLE bench_k DROP COLUMN bench_n, DROP COLUMN bench_id;
         INSERT INTO sessions SELECT * FROM bench_s;
         INSERT INTO kernels SELECT * FROM bench_k;
         COMMIT;"
    ))
    .with_context(|| format!("copying session {template} {count} times"))?;
    Ok(())
}

/// Deletes every session (and its kernels) named `{prefix}…`; returns how many.
pub(super) fn delete_sessions(prefix: &str) -> Result<usize> {
    check_name(prefix)?;
    let out = stack::sql(&format!(
        "DELETE FROM kernels WHERE session_id IN
           (SELECT id FROM sessions WHERE name LIKE '{prefix}%');
         WITH gone AS (DELETE FROM sessions WHERE name LIKE '{prefix}%' RETURNING 1)
         SELECT count(*) FROM gone;"
    ))?;
    out.lines()
        .last()
        .unwrap_or("")
        .trim()
        .parse()
        .with_context(|| format!("unexpected psql output: {out}"))
}

/// How many sessions named `{prefix}…` are still on their way to a settled state (being
/// scheduled, prepared or terminated).
pub(super) fn unsettled_sessions(prefix: &str) -> Result<usize> {
    check_name(prefix)?;
    let out = stack::sql(&format!(
        "SELECT count(*) FROM sessions WHERE name LIKE '{prefix}%' AND status IN
           ('PENDING', 'SCHEDULED', 'PREPARING', 'PULLING', 'TERMINATING')"
    ))?;
    out.trim()
        .parse()
        .with_context(|| format!("unexpected psql output: {out}"))
}

/// Names go into SQL text (and LIKE patterns): only the characters the bench's own names use.
fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bail!("not a bench session name: {name:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_name;

    #[test]
    fn names_with_sql_characters_are_refused() {
        assert!(check_name("bench-scale-ab12-copy-").is_ok());
        assert!(check_name("x'; DROP TABLE sessions; --").is_err());
        assert!(check_name("a%").is_err());
        assert!(check_name("a_b").is_err());
        assert!(check_name("").is_err());
    }
}
