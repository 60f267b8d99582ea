//! Scenario group `api`: end-to-end calls against the real manager (`ps`, `admin user list`,
//! `vfolder list`, `vfolder create` + `vfolder delete`).

use anyhow::Result;

use super::proc;
use super::report::{Row, Unit};
use super::{Bench, IMAGE, VFOLDER_HOST};

impl Bench {
    pub(super) fn api_calls(&mut self) -> Result<()> {
        // One session and one folder to list: on an empty stack Python's `ps` and `vfolder
        // list` exit 1 (`NoItems`), which would measure its error path, not a listing.
        let listed = format!("bench-api-{}", self.tag);
        self.run_or_warn(&[
            "session", "create", "-t", &listed, "-r", "cpu=1", "-r", "mem=512m", IMAGE,
        ]);
        self.run_or_warn(&["vfolder", "create", &listed, VFOLDER_HOST]);
        let result = self.api_rows();
        self.run_or_warn(&["session", "rm", &listed]);
        self.run_or_warn(&["vfolder", "delete", &listed]);
        result
    }

    /// Runs a set-up or clean-up command of ours; a failure is a warning, not the bench's end.
    pub(super) fn run_or_warn(&self, args: &[&str]) {
        match proc::run(&self.bai(args), false, &self.scratch) {
            Ok(out) if out.ok => {}
            Ok(out) => eprintln!(
                "warning: `bai {}`: {}",
                args.join(" "),
                out.first_error_line()
            ),
            Err(e) => eprintln!("warning: `bai {}`: {e:#}", args.join(" ")),
        }
    }

    fn api_rows(&mut self) -> Result<()> {
        let sec = "End to end against the real manager";
        let (o, p) = (self.bai(&["ps"]), self.py(&["ps"]));
        self.simple_pair("ps", sec, "`ps`", o, p)?;

        let candidates: [&[&str]; 3] = [
            &["admin", "user", "list"],
            &["admin", "users", "list"],
            &["admin", "users"],
        ];
        let mut found = None;
        for c in candidates {
            let mut args = c.to_vec();
            args.push("--help");
            let out = proc::run(&self.bai(&args), false, &self.scratch)?;
            if out.ok {
                found = Some(c);
                break;
            }
        }
        let py = self.py(&["admin", "user", "list"]);
        match found {
            Some(c) => {
                let name = match c.join(" ").as_str() {
                    "admin user list" => "`admin user list`".to_owned(),
                    other => format!("`admin user list` (ours: `{other}`)"),
                };
                let o = self.bai(c);
                self.simple_pair("admin_users", sec, &name, o, py)?;
            }
            None => self.skipped.push(
                "`admin user list`: `bai` has no `admin users` / `admin user list` command yet"
                    .into(),
            ),
        }

        let (o, p) = (
            self.bai(&["vfolder", "list"]),
            self.py(&["vfolder", "list"]),
        );
        self.simple_pair("vfolder_list", sec, "`vfolder list`", o, p)?;

        // create + delete of uniquely named vfolders.
        let row = Row::new(
            "vfolder_cd",
            sec,
            "`vfolder create` + `vfolder delete`",
            Unit::Ms,
        );
        let rounds = self.rounds;
        self.create_delete_row(
            row,
            rounds,
            true,
            &["vfolder", "create", "{name}", VFOLDER_HOST],
            &["vfolder", "delete", "{name}"],
            &["vfolder", "list"],
        )
    }
}
