//! `bai aime request`: typed inputs, a job with a progress display, and its result (binary
//! outputs saved as files) (SDK `aime::AimeClient::request`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use backendai_sdk::aime::{
    data_url, AimeClient, BinaryOutput, EndpointInfo, JobProgress, JobResult, JobState,
};
use clap::Args;
use serde_json::{json, Map, Value};

use crate::exit::usage;
use crate::output::Printer;

/// `bai aime request`
#[derive(Args, Debug)]
pub struct RequestArgs {
    /// Endpoint name (e.g. llama3_chat).
    pub endpoint: String,
    /// An input as KEY=VALUE (repeatable). Values are typed by the endpoint's declared
    /// inputs; `KEY=@FILE` reads a file (media inputs become base64 data URLs).
    #[arg(short = 'p', long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// A JSON object file with inputs (`-p` values override it; `-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub json_file: Option<PathBuf>,
    /// Where binary outputs (images, audio) are written.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub output_dir: PathBuf,
    /// Give up waiting after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 3600.0)]
    pub timeout: f64,
    /// Seconds between progress polls.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.5)]
    pub poll_interval: f64,
    /// Do not fetch the endpoint description to type the inputs (numbers and booleans are
    /// then guessed from the text).
    #[arg(long)]
    pub no_describe: bool,
}

/// `aime request`.
pub async fn request(out: &Printer, client: &AimeClient, a: &RequestArgs) -> anyhow::Result<()> {
    let mut params = match &a.json_file {
        Some(path) => read_json_file(path)?,
        None => Map::new(),
    };
    let raw: Vec<(String, String)> = a
        .params
        .iter()
        .map(|p| split_param(p))
        .collect::<anyhow::Result<_>>()?;
    let types = if a.no_describe || raw.is_empty() {
        BTreeMap::new()
    } else {
        match client.endpoint_info(&a.endpoint).await {
            Ok(info) => input_types(&info),
            Err(e) if e.kind() == backendai_core::error::ErrorKind::NotFound => {
                return Err(e.into())
            }
            Err(e) => {
                tracing::debug!(error = %e, "endpoint description unavailable; guessing types");
                BTreeMap::new()
            }
        }
    };
    for (k, v) in raw {
        let value = typed_value(&k, &v, types.get(&k).map(String::as_str))?;
        params.insert(k, value);
    }

    let job = client.request(&a.endpoint, params).await?;
    let bar = ProgressView::new(out);
    bar.set_job(job.job_id());
    let result = job.wait_with(|p| bar.update(p)).await;
    bar.finish();
    let result = result?;
    print_result(out, &result, &a.output_dir)
}

fn read_json_file(path: &Path) -> anyhow::Result<Map<String, Value>> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read stdin")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(usage(format!(
            "{}: expected a JSON object of inputs",
            path.display()
        ))),
        Err(e) => Err(usage(format!("{}: invalid JSON: {e}", path.display()))),
    }
}

/// Splits `KEY=VALUE`.
fn split_param(p: &str) -> anyhow::Result<(String, String)> {
    match p.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(usage(format!("invalid -p `{p}`: expected KEY=VALUE"))),
    }
}

/// Declared input name → type, from the endpoint description.
fn input_types(info: &EndpointInfo) -> BTreeMap<String, String> {
    info.user_inputs()
        .filter_map(|(k, spec)| {
            spec.get("type")
                .and_then(Value::as_str)
                .map(|t| (k.clone(), t.to_owned()))
        })
        .collect()
}

/// Turns a `-p` value into JSON for an input of the declared type (`None` = unknown: plain
/// numbers and `true`/`false` are guessed, everything else stays a string).
fn typed_value(key: &str, raw: &str, ty: Option<&str>) -> anyhow::Result<Value> {
    if let Some(path) = raw.strip_prefix('@') {
        return file_value(key, Path::new(path), ty);
    }
    let bad = |what: &str| usage(format!("invalid -p {key}={raw}: expected {what}"));
    match ty {
        Some("integer") => {
            if let Ok(i) = raw.trim().parse::<i64>() {
                Ok(json!(i))
            } else {
                raw.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(|f| json!(f))
                    .ok_or_else(|| bad("an integer"))
            }
        }
        Some("float") => raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| json!(f))
            .ok_or_else(|| bad("a number")),
        Some("bool") => match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(json!(true)),
            "false" | "0" | "no" | "off" => Ok(json!(false)),
            _ => Err(bad("true or false")),
        },
        Some(_) => Ok(Value::String(raw.to_owned())),
        None => Ok(guess_value(raw)),
    }
}

fn guess_value(raw: &str) -> Value {
    let t = raw.trim();
    if t == "true" || t == "false" {
        return Value::Bool(t == "true");
    }
    if let Ok(i) = t.parse::<i64>() {
        return json!(i);
    }
    if t.contains(['.', 'e', 'E'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-')
    {
        if let Ok(f) = t.parse::<f64>() {
            if f.is_finite() {
                return json!(f);
            }
        }
    }
    Value::String(raw.to_owned())
}

fn file_value(key: &str, path: &Path, ty: Option<&str>) -> anyhow::Result<Value> {
    let data =
        std::fs::read(path).with_context(|| format!("-p {key}: cannot read {}", path.display()))?;
    match ty {
        Some(t @ ("image" | "audio" | "video")) => {
            Ok(Value::String(data_url(&mime_for(path, t), &data)))
        }
        _ => String::from_utf8(data)
            .map(Value::String)
            .map_err(|_| usage(format!("-p {key}: {} is not UTF-8 text", path.display()))),
    }
}

fn mime_for(path: &Path, kind: &str) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let sub = match ext.as_str() {
        "jpg" | "jpeg" => "jpeg",
        "png" => "png",
        "webp" => "webp",
        "gif" => "gif",
        "wav" => "wav",
        "mp3" => "mpeg",
        "ogg" => "ogg",
        "flac" => "flac",
        "mp4" => "mp4",
        "webm" => "webm",
        "" => "octet-stream",
        other => return format!("{kind}/{other}"),
    };
    format!("{kind}/{sub}")
}

/// The progress display on stderr: a bar for percentages, a counter otherwise.
struct ProgressView {
    bar: indicatif::ProgressBar,
}

impl ProgressView {
    fn new(out: &Printer) -> Self {
        Self {
            bar: out.percent_progress(),
        }
    }

    fn set_job(&self, job_id: &str) {
        self.bar.set_message(format!("job {job_id} submitted"));
    }

    fn update(&self, p: &JobProgress) {
        let (msg, pos) = progress_message(p);
        if let Some(pos) = pos {
            self.bar.set_position(pos);
        } else if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            self.bar.set_style(style);
        }
        self.bar.set_message(msg);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The status text of a progress update and the bar position (`None` when the worker's
/// progress is not a percentage).
fn progress_message(p: &JobProgress) -> (String, Option<u64>) {
    match p.state {
        JobState::Queued => {
            let mut m = match p.queue_position {
                Some(q) if q > 0 => format!("queued (position {q})"),
                _ => "queued".to_owned(),
            };
            if let Some(e) = p.estimate.filter(|e| *e > 0.0) {
                m.push_str(&format!(", about {e:.0} s"));
            }
            if p.num_workers_online == Some(0) {
                m.push_str(", no worker online");
            }
            (m, Some(0))
        }
        _ => {
            let v = p.progress.unwrap_or(0.0).max(0.0);
            let mut m = p.state.to_string();
            if let Some(e) = p.estimate.filter(|e| *e > 0.0) {
                m.push_str(&format!(", about {e:.0} s left"));
            }
            if v <= 100.0 {
                (m, Some(v as u64))
            } else {
                (format!("{m}: {v:.0}"), None)
            }
        }
    }
}

fn print_result(out: &Printer, result: &JobResult, dir: &Path) -> anyhow::Result<()> {
    let files = result.binary_outputs()?;
    let mut saved: BTreeMap<String, Vec<(Option<usize>, PathBuf)>> = BTreeMap::new();
    if !files.is_empty() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    for f in &files {
        let path = write_output(dir, f)?;
        out.note(&format!(
            "saved {} ({} bytes)",
            path.display(),
            f.data.len()
        ))?;
        saved
            .entry(f.field.clone())
            .or_default()
            .push((f.index, path));
    }
    if out.json_mode() {
        return Ok(out.json(&result_json(result, &saved))?);
    }
    let mut text = None;
    for (k, v) in result.outputs() {
        if saved.contains_key(&k) || k == "error" {
            continue;
        }
        match (k.as_str(), &v) {
            ("text", Value::String(s)) => text = Some(s.clone()),
            _ => out.line(format!("{k}: {}", crate::output::fields::text(&v)))?,
        }
    }
    if let Some(t) = text {
        out.line(&t)?;
    }
    if let (Some(c), Some(t)) = (result.compute_duration, result.total_duration) {
        out.note(&format!(
            "job {}: compute {c:.2} s, total {t:.2} s",
            result.job_id
        ))?;
    }
    Ok(())
}

/// The JSON printed with `--output json`: the raw result, with saved binary outputs replaced
/// by their file paths.
fn result_json(
    result: &JobResult,
    saved: &BTreeMap<String, Vec<(Option<usize>, PathBuf)>>,
) -> Value {
    let mut raw = result.raw.clone();
    for (field, paths) in saved {
        let Some(v) = raw.get_mut(field) else {
            continue;
        };
        match v {
            Value::Array(items) => {
                for (index, path) in paths {
                    if let Some(item) = index.and_then(|i| items.get_mut(i)) {
                        *item = Value::String(path.display().to_string());
                    }
                }
            }
            _ => {
                if let Some((_, path)) = paths.first() {
                    *v = Value::String(path.display().to_string());
                }
            }
        }
    }
    Value::Object(raw)
}

/// Writes one binary output without overwriting an existing file.
fn write_output(dir: &Path, f: &BinaryOutput) -> anyhow::Result<PathBuf> {
    let name = f.file_name();
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, "bin"));
    for n in 0..1000 {
        let candidate = if n == 0 {
            dir.join(&name)
        } else {
            dir.join(format!("{stem}-{n}.{ext}"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut file) => {
                file.write_all(&f.data)
                    .with_context(|| format!("cannot write {}", candidate.display()))?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("cannot write {}", candidate.display()))
                )
            }
        }
    }
    Err(anyhow::anyhow!(
        "cannot write {}: too many files with that name",
        dir.join(&name).display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_split_and_type() {
        assert_eq!(
            split_param("prompt_input=a=b").unwrap(),
            ("prompt_input".into(), "a=b".into())
        );
        assert!(split_param("noequals").is_err());
        assert!(split_param("=x").is_err());

        assert_eq!(typed_value("k", "42", Some("string")).unwrap(), json!("42"));
        assert_eq!(typed_value("k", "42", Some("integer")).unwrap(), json!(42));
        // A float for an integer input is sent as is; the server truncates it.
        assert_eq!(
            typed_value("k", "3.9", Some("integer")).unwrap(),
            json!(3.9)
        );
        assert!(typed_value("k", "ten", Some("integer")).is_err());
        assert_eq!(typed_value("k", "2", Some("float")).unwrap(), json!(2.0));
        assert_eq!(typed_value("k", "yes", Some("bool")).unwrap(), json!(true));
        assert!(typed_value("k", "maybe", Some("bool")).is_err());
        // chat_context is a JSON-encoded string, never an array.
        let ctx = r#"[{"role":"user","content":"hi"}]"#;
        assert_eq!(
            typed_value("k", ctx, Some("chat_context")).unwrap(),
            json!(ctx)
        );
        assert_eq!(typed_value("k", ctx, None).unwrap(), json!(ctx));
        assert_eq!(typed_value("k", "64", None).unwrap(), json!(64));
        assert_eq!(typed_value("k", "0.7", None).unwrap(), json!(0.7));
        assert_eq!(typed_value("k", "true", None).unwrap(), json!(true));
        assert_eq!(typed_value("k", "hello", None).unwrap(), json!("hello"));
        assert_eq!(typed_value("k", "inf", None).unwrap(), json!("inf"));
    }

    #[test]
    fn file_params_become_data_urls_for_media() {
        let dir = tempfile::tempdir().unwrap();
        let img = dir.path().join("cat.png");
        std::fs::write(&img, [1u8, 2, 3]).unwrap();
        let v = typed_value("image", &format!("@{}", img.display()), Some("image")).unwrap();
        assert_eq!(v, json!("data:image/png;base64,AQID"));
        let txt = dir.path().join("p.txt");
        std::fs::write(&txt, "hello file").unwrap();
        let v = typed_value(
            "prompt_input",
            &format!("@{}", txt.display()),
            Some("string"),
        )
        .unwrap();
        assert_eq!(v, json!("hello file"));
        assert!(typed_value("k", "@/nonexistent/x", None).is_err());
    }

    #[test]
    fn progress_messages() {
        let q = JobProgress::from_reply(
            "j#1",
            JobState::Queued,
            &json!({"progress": {"queue_position": 2, "estimate": -1, "num_workers_online": 0, "progress": 0}}),
        );
        assert_eq!(
            progress_message(&q),
            ("queued (position 2), no worker online".to_owned(), Some(0))
        );
        let p = JobProgress::from_reply(
            "j#1",
            JobState::Processing,
            &json!({"progress": {"queue_position": 0, "estimate": 3.2, "progress": 50}}),
        );
        assert_eq!(
            progress_message(&p),
            ("processing, about 3 s left".to_owned(), Some(50))
        );
        // LLM workers report token counts, not percentages.
        let t = JobProgress::from_reply(
            "j#1",
            JobState::Processing,
            &json!({"progress": {"progress": 250}}),
        );
        assert_eq!(progress_message(&t), ("processing: 250".to_owned(), None));
    }

    #[test]
    fn outputs_are_written_without_overwriting_and_json_points_at_them() {
        let dir = tempfile::tempdir().unwrap();
        let result = JobResult::from_object(
            json!({"job_id": "x#1", "images": ["data:image/png;base64,AQID", "data:image/png;base64,BAU="],
                   "audio_output": "data:audio/wav;base64,AAA=", "seed": 7})
            .as_object()
            .unwrap()
            .clone(),
        );
        let files = result.binary_outputs().unwrap();
        let first = write_output(dir.path(), &files[0]).unwrap();
        let again = write_output(dir.path(), &files[0]).unwrap();
        assert_eq!(first.file_name().unwrap(), "images_0.png");
        assert_eq!(again.file_name().unwrap(), "images_0-1.png");
        assert_eq!(std::fs::read(&first).unwrap(), [1, 2, 3]);

        let mut saved: BTreeMap<String, Vec<(Option<usize>, PathBuf)>> = BTreeMap::new();
        saved
            .entry("images".into())
            .or_default()
            .push((Some(1), PathBuf::from("d/images_1.png")));
        saved
            .entry("audio_output".into())
            .or_default()
            .push((None, PathBuf::from("d/audio_output.wav")));
        let v = result_json(&result, &saved);
        assert_eq!(v["images"][0], json!("data:image/png;base64,AQID"));
        assert_eq!(v["images"][1], json!("d/images_1.png"));
        assert_eq!(v["audio_output"], json!("d/audio_output.wav"));
        assert_eq!(v["seed"], json!(7));
    }
}
