//! `bai login` / `bai logout` (session mode against the Backend.AI web server) and
//! `bai update-password`, `bai update-password-no-auth` (SDK `groups::admin::auth`).

use std::io::{BufRead, IsTerminal, Write};

use backendai_core::config::EndpointType;
use backendai_core::Secret;

use crate::context::{state_dir, Context};
use crate::exit::{with_status, ExitStatus};
use crate::output::Printer;

/// Arguments of `login`.
#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// User ID (e-mail); prompted for when omitted.
    #[arg(short = 'u', long = "user-id", value_name = "USER_ID")]
    pub user_id: Option<String>,
    /// Read the password from the first line of stdin instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Arguments of `update-password`.
#[derive(Debug, clap::Args)]
pub struct UpdatePasswordArgs {
    /// Current password.
    pub old_password: String,
    /// New password.
    pub new_password: String,
    /// New password again.
    pub new_password2: String,
}

/// Arguments of `update-password-no-auth` (the Python CLI's order; it labels DOMAIN as
/// `USER_ID` in its usage line).
#[derive(Debug, clap::Args)]
pub struct UpdatePasswordNoAuthArgs {
    /// Domain of the user (not sent in session mode: the web server knows it).
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// User ID (e-mail).
    #[arg(value_name = "USER_ID")]
    pub user_id: String,
    /// Current (expired) password.
    #[arg(value_name = "CURRENT_PASSWORD")]
    pub current_password: String,
    /// New password.
    #[arg(value_name = "NEW_PASSWORD")]
    pub new_password: String,
}

/// The user name saved by the last successful `login`, if any.
pub fn saved_username() -> Option<String> {
    let text = std::fs::read_to_string(state_dir().join("config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("username")?.as_str().map(str::to_owned)
}

fn require_session_mode(ctx: &Context, what: &str) -> anyhow::Result<()> {
    if ctx.config()?.endpoint_type != EndpointType::Session {
        return Err(with_status(
            ExitStatus::Failure,
            format!(
                "to use {what}, the endpoint type must be \"session\" (set BACKEND_ENDPOINT_TYPE=session)"
            ),
        ));
    }
    Ok(())
}

/// Reads the user id and password (prompt without echo, or stdin).
pub fn read_credentials(out: &Printer, args: &LoginArgs) -> anyhow::Result<(String, Secret)> {
    let stdin = std::io::stdin();
    let user = match &args.user_id {
        Some(u) => u.clone(),
        None => {
            if args.password_stdin || !stdin.is_terminal() {
                return Err(crate::exit::usage(
                    "--user-id is required when the password comes from stdin",
                ));
            }
            out.prompt("User ID: ")?;
            let mut line = String::new();
            stdin.lock().read_line(&mut line)?;
            line.trim().to_owned()
        }
    };
    let password = if args.password_stdin {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        rpassword::prompt_password("Password: ")?
    };
    if user.is_empty() {
        return Err(crate::exit::usage("empty user ID"));
    }
    Ok((user, Secret::new(password)))
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())
}

/// Runs `login`: the SDK keeps the web server's cookie in `<state_dir>/cookies.json` (0600);
/// the user name goes to `<state_dir>/config.json` (0600) for `bai config`.
pub fn login(ctx: &Context, args: &LoginArgs) -> anyhow::Result<()> {
    require_session_mode(ctx, "login")?;
    let (user, password) = read_credentials(&ctx.out, args)?;
    let dir = state_dir();
    std::fs::create_dir_all(&dir)?;
    let client = ctx.client()?;
    let status = ctx.block_on(client.login(&user, &password))??;
    write_private(
        &dir.join("config.json"),
        &serde_json::json!({ "username": user }).to_string(),
    )?;
    if ctx.out.json_mode() {
        ctx.out.json(&serde_json::json!({
            "ok": true,
            "msg": "Login succeeded.",
            "username": user,
            "role": status.data.get("role"),
            "status": status.data.get("status"),
        }))?;
    } else {
        ctx.out.done("Login succeeded.")?;
    }
    Ok(())
}

/// Runs `logout`: tells the web server and deletes the stored cookie and user name.
pub fn logout(ctx: &Context) -> anyhow::Result<()> {
    require_session_mode(ctx, "logout")?;
    let client = ctx.client()?;
    let r = ctx.block_on(client.logout())?;
    let _ = std::fs::remove_file(state_dir().join("config.json"));
    r?;
    ctx.out.mutation("Logout done.", None)?;
    Ok(())
}

/// Runs `update-password OLD NEW NEW2`.
pub fn update_password(ctx: &Context, a: &UpdatePasswordArgs) -> anyhow::Result<()> {
    if a.new_password != a.new_password2 {
        return Err(crate::exit::usage("the new passwords do not match"));
    }
    let client = ctx.client()?;
    ctx.block_on(client.auth().update_password(
        &a.old_password,
        &a.new_password,
        &a.new_password2,
    ))??;
    ctx.out.mutation("Password updated.", None)?;
    Ok(())
}

/// Runs `update-password-no-auth DOMAIN USER_ID CURRENT NEW`: changes an expired password
/// without credentials, through the web server in session mode and the manager otherwise.
pub fn update_password_no_auth(ctx: &Context, a: &UpdatePasswordNoAuthArgs) -> anyhow::Result<()> {
    let session_mode = ctx.config()?.endpoint_type == EndpointType::Session;
    let client = ctx.client()?;
    let auth = client.auth();
    let answer = if session_mode {
        ctx.block_on(auth.update_password_no_auth_in_session(
            &a.user_id,
            &a.current_password,
            &a.new_password,
        ))??
    } else {
        ctx.block_on(auth.update_password_no_auth(
            &a.domain,
            &a.user_id,
            &a.current_password,
            &a.new_password,
        ))??
    };
    let changed_at = answer.get("password_changed_at").cloned();
    ctx.out.mutation(
        "Password updated.",
        changed_at.map(|at| ("password_changed_at", at)),
    )?;
    Ok(())
}
