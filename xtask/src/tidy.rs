//! Architecture invariants, checked as tests (`cargo test -p xtask`).

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn sources(crate_dir: &str) -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        rust_files(&root().join(crate_dir).join("src"), &mut files);
        files
            .into_iter()
            .map(|p| {
                let text = fs::read_to_string(&p).unwrap();
                (p, text)
            })
            .collect()
    }

    #[test]
    fn core_depends_on_no_io_crates() {
        let manifest = fs::read_to_string(root().join("crates/backendai-core/Cargo.toml")).unwrap();
        let deps = manifest.split("[dependencies]").nth(1).unwrap();
        let deps = deps.split("\n[").next().unwrap();
        for banned in ["tokio", "hyper", "reqwest", "tungstenite", "rustls"] {
            assert!(
                !deps.contains(banned),
                "backendai-core must not depend on {banned}"
            );
        }
    }

    #[test]
    fn only_core_auth_formats_the_authorization_header() {
        let mut producers = Vec::new();
        for krate in [
            "crates/backendai-core",
            "crates/backendai-sdk",
            "crates/backendai-appproxy",
            "crates/backendai-cli",
        ] {
            for (path, text) in sources(krate) {
                if text.contains("\"BackendAI signMethod=") {
                    producers.push(path);
                }
            }
        }
        assert_eq!(
            producers.len(),
            1,
            "Authorization must be produced in one place: {producers:?}"
        );
        assert!(producers[0].ends_with("backendai-core/src/auth.rs"));
    }

    #[test]
    fn no_api_paths_in_the_cli() {
        for (path, text) in sources("crates/backendai-cli") {
            for needle in [
                "\"/session/",
                "\"/folders",
                "\"/admin/gql",
                "\"/stream/",
                "\"/kernel/",
            ] {
                assert!(
                    !text.contains(needle),
                    "{} contains API path {needle}: protocol knowledge belongs in the SDK",
                    path.display()
                );
            }
        }
    }
}
