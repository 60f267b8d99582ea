//! `cargo xtask stack up | down [--purge] | status | expose-app`: the project's own live
//! Backend.AI 23.09.10 stack on loopback.
//!
//! What `up` starts (all bound to 127.0.0.1, state under `target/stack/`):
//! PostgreSQL, Redis and etcd (Debian packages); the manager, storage-proxy, webserver and two
//! agents (PyPI, in one venv that also holds the Python client the bench compares against):
//! a **dummy** agent in scaling group `default` (fake containers: fast lifecycle tests, many
//! sessions on 2 cores) and a **Docker** agent in scaling group `docker` (real containers from
//! the kernel image that `up` builds from Debian packages when it is missing).
//!
//! `up` is idempotent: every step checks before it acts, so a warm stack answers in seconds.
//! It ends by writing `target/stack/env.sh` for the live tests and the bench.

mod image;
mod install;
mod provision;
mod services;

pub use provision::sql;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The Backend.AI release of every server component (and of the Python client).
const BACKEND_AI_VERSION: &str = "23.9.10";

/// Fixed loopback ports (the same as the earlier shared stack, so old notes still apply).
mod port {
    pub const POSTGRES: u16 = 8100;
    pub const REDIS: u16 = 8110;
    pub const ETCD: u16 = 8120;
    pub const ETCD_PEER: u16 = 8121;
    pub const MANAGER: u16 = 8081;
    pub const STORAGE_CLIENT: u16 = 6021;
    pub const STORAGE_MANAGER: u16 = 6022;
    pub const WEBSERVER: u16 = 8130;
    pub const DUMMY_AGENT_RPC: u16 = 6001;
    pub const DUMMY_AGENT_SOCK: u16 = 6007;
    pub const DUMMY_AGENT_WATCHER: u16 = 6009;
    pub const DOCKER_AGENT_RPC: u16 = 6011;
    pub const DOCKER_AGENT_SOCK: u16 = 6017;
    pub const DOCKER_AGENT_WATCHER: u16 = 6019;
}

/// The superadmin keypair of the upstream example fixtures (xtask/stack/fixtures).
const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// The scaling group of the Docker agent; sessions that must run code name it.
pub const DOCKER_SCALING_GROUP: &str = "docker";

/// Where everything of the stack lives.
pub struct Layout {
    /// The workspace root.
    root: PathBuf,
    /// `target/stack`: DB, etcd, redis, vfolders, logs, pids, rendered configs.
    state: PathBuf,
}

impl Layout {
    fn new(root: &Path) -> Self {
        Layout {
            root: root.to_path_buf(),
            state: root.join("target").join("stack"),
        }
    }

    /// Project files the stack is made from (templates, fixtures, constraints).
    fn data(&self) -> PathBuf {
        self.root.join("xtask").join("stack")
    }

    fn venv(&self) -> PathBuf {
        self.state.join("venv")
    }

    fn venv_bin(&self, name: &str) -> PathBuf {
        self.venv().join("bin").join(name)
    }

    fn etc(&self) -> PathBuf {
        self.state.join("etc")
    }

    fn logs(&self) -> PathBuf {
        self.state.join("logs")
    }

    fn pids(&self) -> PathBuf {
        self.state.join("pids")
    }

    /// PostgreSQL's directory (data, socket, log). PostgreSQL runs as the `postgres` user, who
    /// must be able to reach it: for a checkout under a private directory (`/root` is 0700) it
    /// lives in the temp dir instead, named after the checkout.
    fn pg(&self) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let others_may_enter = self.state.ancestors().skip(1).all(|dir| {
            std::fs::metadata(dir).map_or(true, |m| m.permissions().mode() & 0o001 != 0)
        });
        if others_may_enter {
            return self.state.join("pg");
        }
        // FNV-1a: a stable, short name per checkout.
        let hash = self
            .state
            .to_string_lossy()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        std::env::temp_dir().join(format!("bai-stack-pg-{hash:016x}"))
    }
}

/// Where `stack up` writes the environment file that the live tests and the bench source.
pub fn env_file(root: &Path) -> PathBuf {
    Layout::new(root).state.join("env.sh")
}

/// The stack's Python venv (the bench runs the Python client `backend.ai` from its `bin/`).
pub fn venv_dir(root: &Path) -> PathBuf {
    Layout::new(root).venv()
}

/// `cargo xtask stack ...`.
pub fn cli(root: &Path, args: &[String]) -> Result<()> {
    let rest: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    match (args.first().map(String::as_str), rest.as_slice()) {
        (Some("up"), []) => up(root),
        (Some("down"), []) => down(root, false),
        (Some("down"), ["--purge"]) => down(root, true),
        (Some("status"), []) => status(root),
        (Some("expose-app"), [session, apps @ ..]) if !apps.is_empty() => {
            provision::expose_app(&Layout::new(root), session, apps)
        }
        _ => bail!(
            "usage: cargo xtask stack up | down [--purge] | status | expose-app SESSION APP PORT [PROTO] ..."
        ),
    }
}

/// Brings the stack up (idempotent) and writes [`env_file`].
pub fn up(root: &Path) -> Result<()> {
    let started = Instant::now();
    let layout = Layout::new(root);
    let progress =
        |what: &str| eprintln!("[stack {:>5.1}s] {what}", started.elapsed().as_secs_f64());
    install::system_packages(&progress)?;
    install::venv(&layout, &progress)?;
    install::patch_venv(&layout, &progress)?;
    provision::configs(&layout)?;
    image::ensure_kernel_image(&layout, &progress)?;
    services::start_infrastructure(&layout, &progress)?;
    provision::initialize_once(&layout, &progress)?;
    provision::every_start(&layout)?;
    image::register_kernel_image(&layout, &progress)?;
    services::start_backend_ai(&layout, &progress)?;
    write_env_file(&layout)?;
    progress(&format!(
        "up: manager {} at http://127.0.0.1:{} (env: {})",
        services::manager_version().unwrap_or_default(),
        port::MANAGER,
        env_file(root).display()
    ));
    Ok(())
}

fn down(root: &Path, purge: bool) -> Result<()> {
    let layout = Layout::new(root);
    services::stop_all(&layout)?;
    image::remove_containers_and_volumes()?;
    if purge {
        for dir in [layout.pg(), layout.state.clone()] {
            if dir.exists() {
                eprintln!("[stack] removing {}", dir.display());
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("removing {}", dir.display()))?;
            }
        }
    }
    eprintln!("[stack] down");
    Ok(())
}

fn status(root: &Path) -> Result<()> {
    let layout = Layout::new(root);
    for (name, running) in services::statuses(&layout) {
        println!("{name:<14} {}", if running { "running" } else { "stopped" });
    }
    match services::manager_version() {
        Some(v) => println!("{:<14} {v}", "manager api"),
        None => println!("{:<14} not answering", "manager api"),
    }
    println!(
        "{:<14} {}",
        "kernel image",
        if image::kernel_image_present() {
            image::KERNEL_IMAGE
        } else {
            "missing"
        }
    );
    println!("{:<14} {}", "env file", env_file(root).display());
    Ok(())
}

fn write_env_file(layout: &Layout) -> Result<()> {
    let expose_app = provision::write_expose_app_wrapper(layout)?;
    let text = format!(
        "# Written by `cargo xtask stack up`: source it to point clients and live tests at the stack.\n\
         export BACKEND_ENDPOINT=http://127.0.0.1:{manager}\n\
         export BACKEND_ENDPOINT_TYPE=api\n\
         export BACKEND_ACCESS_KEY={ACCESS_KEY}\n\
         export BACKEND_SECRET_KEY={SECRET_KEY}\n\
         # session (cookie) mode: BACKEND_ENDPOINT=$BAI_WEBSERVER_ENDPOINT BACKEND_ENDPOINT_TYPE=session,\n\
         # then log in as admin@lablup.com / wJalrXUt (xtask/stack/fixtures/example-users.json)\n\
         export BAI_WEBSERVER_ENDPOINT=http://127.0.0.1:{web}\n\
         # real containers: the kernel image and the Docker agent's scaling group\n\
         export BAI_TEST_IMAGE={image}\n\
         export BAI_TEST_SCALING_GROUP={DOCKER_SCALING_GROUP}\n\
         # SESSION APP PORT [PROTO]...: make a dummy session's apps point at local ports\n\
         export BAI_REALSTACK_EXPOSE_APP={expose}\n\
         # the Python client 23.09.10 (`backend.ai`)\n\
         export PATH=\"{venv_bin}:$PATH\"\n",
        manager = port::MANAGER,
        web = port::WEBSERVER,
        image = image::KERNEL_IMAGE,
        expose = expose_app.display(),
        venv_bin = layout.venv().join("bin").display(),
    );
    std::fs::write(env_file(&layout.root), text).context("writing env.sh")
}
