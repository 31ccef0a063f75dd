use super::validate::invalid;
use super::*;
use clap::Parser;

#[derive(Parser)]
struct Wrapper {
    #[command(flatten)]
    args: ConfigArgs,
}

fn parse(flags: &[&str]) -> Result<Config, ConfigError> {
    let mut argv = vec!["vellum"];
    argv.extend_from_slice(flags);
    Wrapper::try_parse_from(argv)
        .map_err(|e| invalid("argv", e.to_string()))?
        .args
        .validate()
}

#[test]
fn production_needs_a_public_https_url() {
    let err = parse(&["--env", "production"]).err().map(|e| e.setting);
    assert_eq!(err, Some("VELLUM_PUBLIC_URL"));
    let err = parse(&["--env", "production", "--public-url", "http://x.example"])
        .err()
        .map(|e| e.setting);
    assert_eq!(err, Some("VELLUM_PUBLIC_URL"));
    let ok = parse(&[
        "--env",
        "production",
        "--public-url",
        "https://cms.example.com/",
        "--mail-transport",
        "log",
    ]);
    assert!(ok.is_ok_and(|c| c.public_url == "https://cms.example.com"
        && !c.limits.introspection
        && c.log_format == LogFormat::Json));
}

#[test]
fn bad_values_name_the_setting() {
    let cases: [(&[&str], &str); 12] = [
        (&["--addr", "nope"], "VELLUM_ADDR"),
        (&["--database-url", "mysql://x"], "DATABASE_URL"),
        (
            &["--cors-origins", "https://a.example/path"],
            "VELLUM_CORS_ORIGINS",
        ),
        (&["--max-depth", "0"], "VELLUM_MAX_DEPTH"),
        (&["--body-limit", "10"], "VELLUM_BODY_LIMIT"),
        (&["--max-nesting", "0"], "VELLUM_MAX_NESTING"),
        (&["--max-nesting", "129"], "VELLUM_MAX_NESTING"),
        (&["--max-tokens", "0"], "VELLUM_MAX_TOKENS"),
        (&["--max-selections", "0"], "VELLUM_MAX_SELECTIONS"),
        (&["--max-heavy-queries", "0"], "VELLUM_MAX_HEAVY_QUERIES"),
        (
            &["--http-cache-control", "public, max-age=1 0"],
            "VELLUM_HTTP_CACHE_CONTROL",
        ),
        (&["--ws-keepalive", "3601"], "VELLUM_WS_KEEPALIVE"),
    ];
    for (flags, setting) in cases {
        assert_eq!(
            parse(flags).err().map(|e| e.setting),
            Some(setting),
            "{flags:?}"
        );
    }
}

#[test]
fn development_defaults() {
    let config = parse(&[]).map_err(|e| e.to_string());
    let Ok(config) = config else {
        panic!("defaults must validate: {config:?}", config = config.err());
    };
    assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
    assert_eq!(config.pg_dir, PathBuf::from("./data/postgres"));
    assert!(config.limits.introspection);
    assert_eq!(config.limits.depth, 12);
    assert_eq!(config.limits.complexity, 2000);
    assert_eq!(config.public_url, "http://127.0.0.1:8080");
}

#[test]
fn mail_outbox_settings() {
    let config = parse(&["--mail-max-attempts", "3", "--mail-worker-interval-ms", "0"]);
    assert!(config.is_ok_and(|c| c.outbox.max_attempts == 3 && c.mail_worker_interval.is_none()));
    let config = parse(&[]);
    assert!(
        config.is_ok_and(|c| c.outbox.max_attempts == 8
            && c.mail_worker_interval == Some(Duration::from_secs(1)))
    );
    for (flags, setting) in [
        (["--mail-max-attempts", "0"], "VELLUM_MAIL_MAX_ATTEMPTS"),
        (
            ["--mail-worker-interval-ms", "10"],
            "VELLUM_MAIL_WORKER_INTERVAL_MS",
        ),
    ] {
        assert_eq!(parse(&flags).err().map(|e| e.setting), Some(setting));
    }
}

#[test]
fn connection_limits() {
    let config = parse(&[]);
    assert!(
        config.is_ok_and(|c| c.header_read_timeout == Duration::from_secs(10)
            && c.idle_timeout == Duration::from_secs(60)
            && c.max_connections.is_none()
            && c.ws_init_timeout == Duration::from_secs(10)
            && c.ws_keepalive == Some(Duration::from_secs(15)))
    );
    assert!(parse(&["--ws-keepalive", "0"]).is_ok_and(|c| c.ws_keepalive.is_none()));
    let config = parse(&["--max-connections", "50", "--idle-timeout", "5"]);
    assert!(
        config.is_ok_and(
            |c| c.max_connections == Some(50) && c.idle_timeout == Duration::from_secs(5)
        )
    );
    for (flags, setting) in [
        (["--max-connections", "0"], "VELLUM_MAX_CONNECTIONS"),
        (["--header-read-timeout", "0"], "VELLUM_HEADER_READ_TIMEOUT"),
        (["--idle-timeout", "0"], "VELLUM_IDLE_TIMEOUT"),
        (["--ws-init-timeout", "0"], "VELLUM_WS_INIT_TIMEOUT"),
    ] {
        assert_eq!(parse(&flags).err().map(|e| e.setting), Some(setting));
    }
}

#[test]
fn media_sizes_are_read_and_checked() {
    let sizes = parse(&["--media-sizes", "thumb=120x90, hero=1600"]).map(|c| c.media_sizes);
    assert_eq!(
        sizes.ok(),
        Some(vec![
            MediaSize {
                name: "thumb".into(),
                width: 120,
                height: Some(90),
            },
            MediaSize {
                name: "hero".into(),
                width: 1600,
                height: None,
            },
        ])
    );
    assert!(parse(&[]).is_ok_and(|c| c.media_sizes.len() == 4));
    for bad in [
        "thumb",
        "thumb=0",
        "thumb=5000",
        "thumb=10x",
        "a b=10",
        "=10",
        "x=10,x=20",
    ] {
        assert_eq!(
            parse(&["--media-sizes", bad]).err().map(|e| e.setting),
            Some("VELLUM_MEDIA_SIZES"),
            "{bad}"
        );
    }
    assert_eq!(
        parse(&["--media-max-pixels", "10"])
            .err()
            .map(|e| e.setting),
        Some("VELLUM_MEDIA_MAX_PIXELS")
    );
}

#[test]
fn media_limits_apply_the_smallest_that_fits() {
    let limits = parse(&[
        "--media-limits",
        "AUTHOR=5000000, image/*=2000000, image/gif=1000000",
    ])
    .map(|c| c.media_limits)
    .unwrap_or_default();
    assert_eq!(
        limits.for_upload("AUTHOR", "image/png"),
        Some((2_000_000, "image/* files".to_string()))
    );
    assert_eq!(
        limits.for_upload("EDITOR", "image/gif").map(|l| l.0),
        Some(1_000_000)
    );
    assert_eq!(
        limits.for_upload("AUTHOR", "video/mp4").map(|l| l.0),
        Some(5_000_000)
    );
    assert_eq!(limits.for_upload("EDITOR", "video/mp4"), None);
    for bad in [
        "AUTHOR",
        "AUTHOR=0",
        "image/*=x",
        "a b=10",
        "image/=10",
        "AUTHOR=999999999999",
    ] {
        assert_eq!(
            parse(&["--media-limits", bad]).err().map(|e| e.setting),
            Some("VELLUM_MEDIA_LIMITS"),
            "{bad}"
        );
    }
}
