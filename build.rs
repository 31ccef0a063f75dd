//! Checks that the front ends of `web/` are built before the binary embeds
//! them (src/http/web.rs), and names the command that builds them.

use std::path::Path;

/// Files every build of `web/` writes: the pages the binary serves.
const MARKERS: &[&str] = &["web/dist/graphiql/index.html", "web/dist/admin/index.html"];

fn main() {
    // A directory: cargo re-runs this (and re-embeds) when anything under
    // it changes, files added or removed included.
    println!("cargo::rerun-if-changed=web/dist");
    println!("cargo::rerun-if-changed=build.rs");
    if let Some(missing) = MARKERS.iter().find(|m| !Path::new(m).is_file()) {
        eprintln!(
            "\n\
             error: the web front ends are not built ({missing} is missing).\n\
             \n\
             The vellum binary embeds web/dist. Build it with\n\
             \n    script/bootstrap\n\
             \n\
             (script/server and script/test run it for you), or by hand:\n\
             \n    cd web && npm ci && npm run build\n"
        );
        std::process::exit(1);
    }
}
