//! The paired-run engine: ours and Python alternately, round by round, plus an optional
//! in-process ceiling; and the common shapes built on it (one command each, create + delete).

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use super::proc::{self, Cmd};
use super::report::{Row, Stats, Unit};
use super::Bench;

/// Builds the commands of one round (by round number) for one side.
pub(super) type MakeCmds<'a> = Box<dyn FnMut(usize) -> Result<Vec<Cmd>> + 'a>;
/// Runs one in-process ceiling round and returns its duration.
pub(super) type Ceiling<'a> = Box<dyn FnMut(usize) -> Result<Duration> + 'a>;

/// One measured client in a paired scenario.
pub(super) struct Side<'a> {
    label: &'static str,
    make: MakeCmds<'a>,
    vals: Vec<f64>,
    rss: Option<u64>,
    failed: Option<String>,
}

impl<'a> Side<'a> {
    pub(super) fn new(label: &'static str, make: MakeCmds<'a>) -> Self {
        Side {
            label,
            make,
            vals: Vec::new(),
            rss: None,
            failed: None,
        }
    }
}

impl Bench {
    /// Runs both sides (and the optional in-process ceiling) alternately. `warmup` adds an
    /// uncounted first round for our side that also measures peak RSS; otherwise RSS is taken
    /// on each side's first counted run.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn paired(
        &self,
        row: &mut Row,
        rounds: usize,
        warmup: bool,
        sides: &mut [Side<'_>],
        mut ceiling: Option<Ceiling<'_>>,
        value: &dyn Fn(Duration) -> f64,
    ) -> Result<()> {
        // Only our side gets an uncounted warm-up round: Python start-up (~1 s) does not
        // need one, and its RSS is taken on its first counted run (the `/usr/bin/time`
        // wrapper's millisecond is noise there).
        let total = rounds + usize::from(warmup);
        let mut ceil_vals = Vec::new();
        for round in 0..total {
            let counted = !warmup || round > 0;
            for side in sides.iter_mut() {
                if side.failed.is_some() {
                    continue;
                }
                let warm = warmup && side.label == "ours";
                if warmup && !warm && round == 0 {
                    continue;
                }
                let first = round == 0 || (warmup && !warm && round == 1);
                let cmds = match (side.make)(round) {
                    Ok(c) => c,
                    Err(e) => {
                        side.failed = Some(format!("{e:#}"));
                        continue;
                    }
                };
                let mut wall = Duration::ZERO;
                for c in &cmds {
                    let o = proc::run(c, first, &self.scratch)?;
                    wall += o.wall;
                    if let Some(r) = o.rss_kb {
                        side.rss = Some(side.rss.unwrap_or(0).max(r));
                    }
                    if !o.ok {
                        side.failed = Some(format!(
                            "`{}` failed: {}",
                            short_cmd(c),
                            o.first_error_line()
                        ));
                        break;
                    }
                }
                if side.failed.is_none() && (counted || !warm) {
                    side.vals.push(value(wall));
                }
                eprint!(".");
            }
            if counted {
                if let Some(f) = ceiling.as_mut() {
                    match f(round) {
                        Ok(d) => ceil_vals.push(value(d)),
                        Err(e) => {
                            row.notes.push(format!("ceiling failed: {e:#}"));
                            ceiling = None;
                        }
                    }
                }
            }
        }
        eprintln!(" {}", row.name);
        for side in sides.iter() {
            let stats = Stats::of(&side.vals);
            match side.label {
                "ours" => {
                    row.ours = stats;
                    row.ours_rss_kb = side.rss;
                }
                _ => {
                    row.python = stats;
                    row.python_rss_kb = side.rss;
                }
            }
            if let Some(f) = &side.failed {
                row.notes.push(format!("{} failed: {f}", side.label));
            }
        }
        row.ceiling = Stats::of(&ceil_vals);
        Ok(())
    }

    pub(super) fn simple_pair(
        &mut self,
        key: &str,
        section: &'static str,
        name: &str,
        ours: Cmd,
        py: Option<Cmd>,
    ) -> Result<()> {
        let mut row = Row::new(key, section, name, Unit::Ms);
        let mut sides = vec![Side::new("ours", Box::new(move |_| Ok(vec![ours.clone()])))];
        if let Some(p) = py {
            sides.push(Side::new("python", Box::new(move |_| Ok(vec![p.clone()]))));
        }
        self.paired(&mut row, self.rounds, true, &mut sides, None, &ms)?;
        self.rows.push(row);
        Ok(())
    }

    /// Times `create` then `delete` of a uniquely named object per round, for ours and
    /// Python (`{name}` in the argument templates is replaced), then deletes whatever a
    /// failed round left behind (names still present in the output of `list`).
    pub(super) fn create_delete_row(
        &mut self,
        mut row: Row,
        rounds: usize,
        warmup: bool,
        create: &[&str],
        delete: &[&str],
        list: &[&str],
    ) -> Result<()> {
        let fill = |template: &[&str], name: &str| -> Vec<String> {
            template.iter().map(|a| a.replace("{name}", name)).collect()
        };
        let names = std::cell::RefCell::new(Vec::<String>::new());
        let tag = self.tag.clone();
        let mk = |who: &'static str, base: Cmd| -> MakeCmds<'_> {
            let tag = tag.clone();
            let names = &names;
            Box::new(move |round| {
                let name = format!("bench-{who}-{tag}-{round}");
                names.borrow_mut().push(name.clone());
                let mut create_cmd = base.clone();
                create_cmd.argv.extend(fill(create, &name));
                let mut delete_cmd = base.clone();
                delete_cmd.argv.extend(fill(delete, &name));
                Ok(vec![create_cmd, delete_cmd])
            })
        };
        let mut sides = vec![Side::new("ours", mk("rs", self.bai(&[])))];
        if let Some(p) = self.py(&[]) {
            sides.push(Side::new("python", mk("py", p)));
        }
        self.paired(&mut row, rounds, warmup, &mut sides, None, &ms)?;
        drop(sides);
        let listing = proc::run(&self.bai(list), false, &self.scratch)?;
        for n in names.borrow().iter() {
            if listing.stdout.contains(n.as_str()) {
                let args = fill(delete, n);
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let _ = proc::run(&self.bai(&args), false, &self.scratch);
            }
        }
        self.rows.push(row);
        Ok(())
    }
}

pub(super) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn short_cmd(c: &Cmd) -> String {
    let mut parts: Vec<String> = c.argv.iter().take(4).cloned().collect();
    if let Some(first) = parts.first_mut() {
        *first = Path::new(first)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    parts.join(" ")
}
