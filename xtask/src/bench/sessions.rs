//! Scenario group `session`: session create + destroy against the real manager.

use anyhow::Result;

use super::report::{Row, Unit};
use super::{Bench, IMAGE};

impl Bench {
    pub(super) fn sessions(&mut self) -> Result<()> {
        let sec = "End to end against the real manager";
        let row = Row::new(
            "session_cd",
            sec,
            "`session create` + `session rm` (dummy agent)",
            Unit::Ms,
        );
        // Server-bound (the dummy agent takes seconds): no warm-up round.
        let rounds = if self.opts.quick { 1 } else { 3 };
        let create = [
            "session", "create", "-t", "{name}", "-r", "cpu=1", "-r", "mem=512m", IMAGE,
        ];
        self.create_delete_row(
            row,
            rounds,
            false,
            &create,
            &["session", "rm", "{name}"],
            &["ps"],
        )
    }
}
