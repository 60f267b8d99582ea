//! Scenario group `cli`: start-up of both clients without network.

use anyhow::Result;

use super::Bench;

impl Bench {
    pub(super) fn cli_startup(&mut self) -> Result<()> {
        let sec = "CLI start-up (no network)";
        let (o, p) = (self.bai(&["--help"]), self.py(&["--help"]));
        self.simple_pair("help", sec, "`--help`", o, p)?;
        let (o, p) = (self.bai(&["config"]), self.py(&["config"]));
        self.simple_pair("config", sec, "`config`", o, p)
    }
}
