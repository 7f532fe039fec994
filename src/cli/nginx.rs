//! `atelier nginx`: prints the nginx configuration that puts several atelier processes
//! (`--shard I/N`) behind one address, routing each path by its first character with the
//! same cut as `domain::shard` (README, "Beyond one machine"). The text goes inside nginx's
//! `http { }` block (Debian: a file in `/etc/nginx/conf.d/`); `deploy/nginx-atelier.conf`
//! is its output for three processes on one machine.

use std::fmt::Write;
use std::process::ExitCode;

use super::args::NginxArgs;
use crate::domain::shard::{MAX_SHARDS, Shard};

/// Path prefixes followed by a join code (routed by its first letter or digit): the
/// workshop's pages and the event's plenary (`/e/{code}`, issue #14; event codes are made
/// through `domain::shard` like join codes).
pub const CODE_PATHS: [&str; 2] = ["w", "e"];
/// Path prefixes followed by a secret key (routed by its first hexadecimal digit): the
/// facilitator's pages, the organiser's console (`/o/`) and the report's share links
/// (`/r/`), whose keys are all made by `Shard::generate_key`.
pub const KEY_PATHS: [&str; 3] = ["f", "o", "r"];

/// Prints the configuration for `args.upstream` (one address per shard, shard 1 first).
///
/// # Errors
/// None today; a count of addresses outside 1 to 16 is printed on stderr and gives
/// [`ExitCode::FAILURE`].
pub(super) fn run(args: &NginxArgs) -> anyhow::Result<ExitCode> {
    match config(&args.listen, &args.upstream) {
        Some(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("--upstream: give between 1 and {MAX_SHARDS} addresses, shard 1 first");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The nginx configuration (http context) for a server listening on `listen` (such as
/// `127.0.0.1:8080` or `443 ssl`) in front of one atelier process per address of
/// `upstreams`, the process at `upstreams[i]` started with `--shard {i+1}/{len}`.
/// `None` when `upstreams` holds no address or more than [`MAX_SHARDS`].
pub fn config(listen: &str, upstreams: &[String]) -> Option<String> {
    let count = u8::try_from(upstreams.len()).ok()?;
    let shards = Shard::all(count).ok().filter(|s| !s.is_empty())?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# atelier behind nginx: {count} processes, each started with --shard I/{count} and\n\
         # --base-url set to this server's public address (README, \"Beyond one machine\").\n\
         # Made by `atelier nginx`; goes inside nginx's http {{ }} block.\n\
         # A join code goes to the process of its first letter or digit, a key to the process\n\
         # of its first hexadecimal digit, /join?code= by the code; any process serves the\n\
         # rest (/, /new, /static/).\n"
    );
    let _ = writeln!(out, "map $uri $atelier_shard {{");
    let _ = writeln!(out, "    default atelier_shard_1;");
    for shard in &shards {
        let name = format!("atelier_shard_{}", shard.index());
        let paths = CODE_PATHS.join("");
        // `/w/sol-ida` and `/w/%20SOLIDA` reach SOLIDA: the code's leading dashes and
        // spaces are skipped, as `JoinCode::parse` drops them; any case.
        let _ = writeln!(
            out,
            "    \"~*^/[{paths}]/[- ]*[{}]\" {name};",
            shard.code_characters()
        );
        let paths = KEY_PATHS.join("");
        let _ = writeln!(
            out,
            "    \"~*^/[{paths}]/[{}]\" {name};",
            shard.key_characters()
        );
    }
    let _ = writeln!(out, "}}\n");
    // `/join?code=…` (the home page's form) looks the code up: it goes to the code's
    // process, whose answer is the redirection to `/w/{code}` or the form again with the
    // code kept. The query is still encoded here: `+` and `%20` are spaces.
    let _ = writeln!(out, "map $arg_code $atelier_join_shard {{");
    let _ = writeln!(out, "    default atelier_shard_1;");
    for shard in &shards {
        let _ = writeln!(
            out,
            "    \"~*^([-+]|%20)*[{}]\" atelier_shard_{};",
            shard.code_characters(),
            shard.index()
        );
    }
    let _ = writeln!(out, "}}\n");
    for (shard, address) in shards.iter().zip(upstreams) {
        let _ = writeln!(
            out,
            "upstream atelier_shard_{} {{\n    server {address};\n    keepalive 64;\n}}\n",
            shard.index()
        );
    }
    let _ = write!(
        out,
        "server {{
    listen {listen};
    client_max_body_size 2m;

    # What every location sends on: the Host the browser used (atelier answers only its
    # --base-url, 421 otherwise), the phone's address (a proxied request is never \"local\":
    # /new then needs --admin-password), keep-alive connections to the processes.
    proxy_http_version 1.1;
    proxy_set_header Connection \"\";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;

    # Projector streams (Server-Sent Events): each frame goes out as it is made, and a
    # stream stays open all day (atelier sends a comment every 2 s).
    location ~ /events$ {{
        proxy_pass http://$atelier_shard;
        proxy_buffering off;
        proxy_cache off;
        proxy_read_timeout 24h;
        proxy_send_timeout 24h;
    }}

    location = /join {{
        proxy_pass http://$atelier_join_shard;
    }}

    location / {{
        proxy_pass http://$atelier_shard;
        proxy_read_timeout 5m;
    }}
}}
"
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three() -> String {
        let upstreams: Vec<String> = (8081..=8083).map(|p| format!("127.0.0.1:{p}")).collect();
        config("127.0.0.1:8080", &upstreams).expect("a configuration")
    }

    #[test]
    fn three_processes_get_the_runs_of_domain_shard() {
        let text = three();
        assert!(text.contains("\"~*^/[we]/[- ]*[0123456789AB]\" atelier_shard_1;"));
        assert!(text.contains("\"~*^/[we]/[- ]*[CDEFGHIJKLMN]\" atelier_shard_2;"));
        assert!(text.contains("\"~*^/[we]/[- ]*[OPQRSTUVWXYZ]\" atelier_shard_3;"));
        assert!(text.contains("\"~*^/[for]/[012345]\" atelier_shard_1;"));
        assert!(text.contains("\"~*^/[for]/[6789a]\" atelier_shard_2;"));
        assert!(text.contains("\"~*^/[for]/[bcdef]\" atelier_shard_3;"));
        assert!(text.contains("upstream atelier_shard_3 {\n    server 127.0.0.1:8083;"));
        assert!(text.contains("listen 127.0.0.1:8080;"));
        assert!(text.contains("\"~*^([-+]|%20)*[OPQRSTUVWXYZ]\" atelier_shard_3;"));
        assert!(
            text.contains("location = /join {\n        proxy_pass http://$atelier_join_shard;")
        );
    }

    #[test]
    fn no_address_or_more_than_sixteen_gives_nothing() {
        assert!(config("8080", &[]).is_none());
        let many: Vec<String> = (0..17).map(|p| format!("127.0.0.1:{}", 9000 + p)).collect();
        assert!(config("8080", &many).is_none());
        assert!(config("8080", &many[..16]).is_some());
    }

    #[test]
    fn the_example_in_the_repository_is_what_the_command_prints() {
        let example = include_str!("../../deploy/nginx-atelier.conf");
        assert_eq!(
            example,
            three(),
            "regenerate deploy/nginx-atelier.conf (README)"
        );
    }
}
