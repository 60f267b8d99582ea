//! `Client::try_default` reads the config file and the environment like `bai`.
//!
//! One test in its own binary: it changes the process environment.

use backendai_core::env_vars;
use backendai_core::error::ErrorKind;
use backendai_sdk::from_env::resolve_config;
use backendai_sdk::Client;

#[test]
fn try_default_layers_the_environment_over_the_config_file() {
    let home = tempfile::tempdir().unwrap();
    let config_dir = home.path().join("config/backend.ai");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "endpoint = \"http://file.example:8081\"\ndomain = \"lab\"\naccess_key = \"FILEKEY\"\n",
    )
    .unwrap();
    for (name, legacy) in env_vars::BACKEND_WITH_LEGACY {
        std::env::remove_var(name);
        std::env::remove_var(legacy);
    }
    std::env::set_var(env_vars::HOME, home.path());
    std::env::set_var(env_vars::XDG_CONFIG_HOME, home.path().join("config"));
    std::env::set_var(env_vars::XDG_STATE_HOME, home.path().join("state"));
    std::env::set_var(env_vars::BACKEND_ACCESS_KEY, "ENVKEY");

    let client = Client::try_default().unwrap();
    let config = client.config();
    assert_eq!(config.endpoints, ["http://file.example:8081"]);
    assert_eq!(config.domain, "lab");
    assert_eq!(config.access_key, "ENVKEY");
    let resolved = resolve_config(&Default::default()).unwrap();
    assert_eq!(
        resolved.source_of("access_key").unwrap().origin(),
        Some("BACKEND_ACCESS_KEY")
    );

    // A bad value is an invalid-argument error that names its variable.
    std::env::set_var(env_vars::BACKEND_CONNECTION_TIMEOUT, "soon");
    let err = Client::try_default().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.to_string().contains("BACKEND_CONNECTION_TIMEOUT"),
        "{err}"
    );
    std::env::remove_var(env_vars::BACKEND_CONNECTION_TIMEOUT);

    // Session mode keeps its cookies under the state directory, like `bai login`.
    std::env::set_var(env_vars::BACKEND_ENDPOINT_TYPE, "session");
    let client = Client::try_default().unwrap();
    assert!(
        format!("{client:?}").contains("state/backend.ai"),
        "{client:?}"
    );
}
