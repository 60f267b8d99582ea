//! The kernel image: a Debian bookworm root filesystem from Debian's packages only
//! (debootstrap, then apt-get in a chroot), imported into Docker with the labels the 23.09 agent
//! reads, and registered with the manager as a local image (no registry is ever contacted).

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use super::services::DOCKER_AGENT_ID;
use super::{provision, Layout};

/// The image's name as the manager knows it (a local image row; Docker stores it as
/// `bai-kernel/python:3.11-bookworm`, since `index.docker.io` is its default registry).
pub const KERNEL_IMAGE: &str = "index.docker.io/bai-kernel/python:3.11-bookworm";

/// Bumped whenever the package list or the labels change, so that `up` rebuilds the image.
const RECIPE: &str = "1";
const RECIPE_LABEL: &str = "org.backendai-rs.stack.recipe";

/// Debian packages in the image: Python with ipykernel (query mode; Debian's package installs
/// the `python3` kernelspec), Jupyter Notebook (the `jupyter` app) and `passwd` (the runner's
/// entrypoint adds the `work` user). bash, coreutils and getent come with debootstrap.
const PACKAGES: [&str; 4] = ["python3", "python3-ipykernel", "python3-notebook", "passwd"];

/// The labels the agent reads. The base distro must be one the runner ships helper binaries
/// for (su-exec, dropbear, libbaihook): bookworm's glibc runs the `ubuntu22.04` ones.
const LABELS: [(&str, &str); 8] = [
    ("ai.backend.kernelspec", "1"),
    ("ai.backend.features", "batch query uid-match user-input"),
    ("ai.backend.base-distro", "ubuntu22.04"),
    ("ai.backend.runtime-type", "python"),
    ("ai.backend.runtime-path", "/usr/bin/python3"),
    ("ai.backend.service-ports", "jupyter:http:8081"),
    ("ai.backend.resource.min.cpu", "1"),
    ("ai.backend.resource.min.mem", "256m"),
];

fn docker(args: &[&str]) -> Command {
    let mut c = Command::new("docker");
    c.args(args);
    c
}

fn output(cmd: &mut Command, what: &str) -> Result<String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {what}"))?;
    if !out.status.success() {
        bail!("{what} failed ({})", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The recipe label of the local image, when there is one.
fn present_recipe() -> Option<String> {
    let format = format!("{{{{index .Config.Labels \"{RECIPE_LABEL}\"}}}}");
    let out = docker(&["image", "inspect", "--format", &format, KERNEL_IMAGE])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// True when the kernel image of the current recipe is in the local Docker engine.
pub fn kernel_image_present() -> bool {
    present_recipe().as_deref() == Some(RECIPE)
}

/// Builds the kernel image unless the current recipe's image is there already.
pub fn ensure_kernel_image(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    if docker(&["info"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success()
    {
        if kernel_image_present() {
            return Ok(());
        }
    } else {
        bail!("the Docker engine does not answer (`docker info` fails): start dockerd first");
    }
    let build = layout.state.join("image-build");
    let rootfs = build.join("rootfs");
    let _ = std::fs::remove_dir_all(&build);
    std::fs::create_dir_all(&build)?;
    progress("kernel image: debootstrap --variant=minbase bookworm (Debian packages only)");
    let log = std::fs::File::create(layout.logs().join("kernel-image.log"))?;
    let status = Command::new("debootstrap")
        .args(["--variant=minbase", "bookworm"])
        .arg(&rootfs)
        .arg("http://deb.debian.org/debian")
        .stdout(log.try_clone()?)
        .stderr(log.try_clone()?)
        .status()?;
    if !status.success() {
        bail!("debootstrap failed (see kernel-image.log)");
    }
    progress(&format!(
        "kernel image: apt-get install {}",
        PACKAGES.join(" ")
    ));
    let script = format!(
        "apt-get install -y -q --no-install-recommends {} && apt-get clean && rm -rf /var/lib/apt/lists/*",
        PACKAGES.join(" ")
    );
    let status = Command::new("chroot")
        .arg(&rootfs)
        .args(["/bin/sh", "-c", &script])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(log.try_clone()?)
        .stderr(log)
        .status()?;
    if !status.success() {
        bail!("apt-get in the image chroot failed (see kernel-image.log)");
    }
    progress("kernel image: docker import");
    import(&rootfs)?;
    std::fs::remove_dir_all(&build)?;
    Ok(())
}

/// `tar -C rootfs -c . | docker import --change LABEL... - KERNEL_IMAGE`.
fn import(rootfs: &Path) -> Result<()> {
    let mut changes: Vec<String> = LABELS
        .iter()
        .chain(std::iter::once(&(RECIPE_LABEL, RECIPE)))
        .map(|(k, v)| format!("LABEL {k}=\"{v}\""))
        .collect();
    changes.push("ENV LANG=C.UTF-8".into());
    changes.push("CMD [\"/bin/bash\"]".into());
    let mut tar = Command::new("tar")
        .arg("-C")
        .arg(rootfs)
        .args(["-c", "."])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut import = Command::new("docker");
    import.arg("import");
    for c in &changes {
        import.args(["--change", c]);
    }
    let status = import
        .args(["-", KERNEL_IMAGE])
        .stdin(tar.stdout.take().context("tar stdout")?)
        .stdout(Stdio::null())
        .status()?;
    let tar_status = tar.wait()?;
    if !status.success() || !tar_status.success() {
        bail!("docker import failed (tar: {tar_status}, import: {status})");
    }
    Ok(())
}

/// The image's row in the manager's `images` table (a local image: the agent never pulls it).
pub fn register_kernel_image(_layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    let inspect = output(
        &mut docker(&[
            "image",
            "inspect",
            "--format",
            "{{.Id}} {{.Size}}",
            KERNEL_IMAGE,
        ]),
        "docker image inspect",
    )?;
    let (id, size) = inspect
        .split_once(' ')
        .context("unexpected docker image inspect output")?;
    let labels = LABELS
        .iter()
        .map(|(k, v)| format!("\"{k}\": \"{v}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let (repo, tag) = KERNEL_IMAGE
        .strip_prefix("index.docker.io/")
        .and_then(|r| r.rsplit_once(':'))
        .context("KERNEL_IMAGE is index.docker.io/REPO:TAG")?;
    let registered = provision::sql(&format!(
        "SELECT config_digest FROM images WHERE name = '{KERNEL_IMAGE}'"
    ))?;
    if registered == id {
        return Ok(());
    }
    progress(&format!("registering {KERNEL_IMAGE} with the manager"));
    provision::sql(&format!(
        "DELETE FROM images WHERE name = '{KERNEL_IMAGE}'; \
         INSERT INTO images (name, image, tag, registry, architecture, config_digest, size_bytes, \
                             is_local, type, accelerators, labels, resources) \
         VALUES ('{KERNEL_IMAGE}', '{repo}', '{tag}', 'index.docker.io', 'x86_64', '{id}', {size}, \
                 true, 'COMPUTE', NULL, '{{{labels}}}'::json, \
                 '{{\"cpu\": {{\"min\": \"1\", \"max\": null}}, \"mem\": {{\"min\": \"256m\", \"max\": null}}}}'::jsonb);"
    ))?;
    Ok(())
}

/// Removes the Docker agent's kernel containers, its socket-relay container and the
/// kernel-runner volume: `down` leaves only images behind.
pub fn remove_containers_and_volumes() -> Result<()> {
    if !docker(&["info"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success()
    {
        return Ok(());
    }
    let owned = format!("label=ai.backend.owner={DOCKER_AGENT_ID}");
    let mut ids = Vec::new();
    for filter in [owned.as_str(), "name=backendai-socket-relay"] {
        let list = output(&mut docker(&["ps", "-aq", "--filter", filter]), "docker ps")?;
        ids.extend(list.lines().map(str::to_string));
    }
    if !ids.is_empty() {
        eprintln!("[stack] removing {} container(s)", ids.len());
        let mut rm = docker(&["rm", "-f"]);
        rm.args(&ids).stdout(Stdio::null());
        output(&mut rm, "docker rm")?;
    }
    let volumes = output(
        &mut docker(&["volume", "ls", "-q", "--filter", "name=backendai-krunner"]),
        "docker volume ls",
    )?;
    for v in volumes.lines() {
        output(
            docker(&["volume", "rm", v]).stdout(Stdio::null()),
            "docker volume rm",
        )?;
    }
    Ok(())
}
