//! nginx from Debian in front of the scale-out benchmark's processes: found on the PATH or
//! in `/usr/sbin`, run as the current user from a temporary prefix (`-p`, its own pid
//! file, logs and temporary folders; no system configuration is read or touched), its
//! access log naming the upstream of each request.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// nginx's binary: on the PATH, else Debian's `/usr/sbin/nginx`.
pub fn nginx_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("nginx"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let debian = PathBuf::from("/usr/sbin/nginx");
        debian.is_file().then_some(debian)
    })
}

/// The current user's name, for nginx's `user` directive (only read when run as root;
/// then the workers stay this user and can write the temporary prefix).
fn user_name() -> String {
    Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "nobody".into())
}

/// nginx in the foreground (`daemon off`); when dropped, stopped with `nginx -s stop`, and
/// killed if still running 5 s later.
pub struct Nginx {
    pub child: Child,
    binary: PathBuf,
    prefix: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new(&self.binary)
            .arg("-p")
            .arg(&self.prefix)
            .arg("-c")
            .arg(self.prefix.join("nginx.conf"))
            .arg("-e")
            .arg(self.prefix.join("error.log"))
            .args(["-s", "stop"])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes nginx's main configuration under `prefix` around the `http` text of `atelier
/// nginx`, with an access log naming the upstream of each request, and starts it.
pub fn start_nginx(binary: &Path, prefix: &Path, routes: &str) -> Nginx {
    for dir in [
        "tmp/body",
        "tmp/proxy",
        "tmp/fastcgi",
        "tmp/uwsgi",
        "tmp/scgi",
    ] {
        std::fs::create_dir_all(prefix.join(dir)).expect("nginx folders");
    }
    std::fs::write(prefix.join("atelier.conf"), routes).expect("routes");
    let p = prefix.display();
    let main = format!(
        "user {user};
worker_processes 2;
worker_rlimit_nofile 65536;
daemon off;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 16384; }}
http {{
    log_format shard '$upstream_addr $status $request_time';
    access_log {p}/access.log shard buffer=64k;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    include {p}/atelier.conf;
}}
",
        user = user_name()
    );
    std::fs::write(prefix.join("nginx.conf"), main).expect("nginx.conf");
    let child = Command::new(binary)
        .arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .arg("-e")
        .arg(prefix.join("error.log"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nginx starts");
    Nginx {
        child,
        binary: binary.to_path_buf(),
        prefix: prefix.to_path_buf(),
    }
}

/// Requests per upstream address and the statuses nginx answered, from its access log.
pub fn requests_by_upstream(log: &Path) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let (mut upstreams, mut statuses) = (BTreeMap::new(), BTreeMap::new());
    for line in text.lines() {
        let mut fields = line.split(' ');
        let (Some(upstream), Some(status)) = (fields.next(), fields.next()) else {
            continue;
        };
        *upstreams.entry(upstream.to_string()).or_default() += 1;
        *statuses.entry(status.to_string()).or_default() += 1;
    }
    (upstreams, statuses)
}

/// `nginx -v`'s line.
pub fn nginx_version(binary: &Path) -> String {
    Command::new(binary)
        .arg("-v")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_string())
        .unwrap_or_default()
}
