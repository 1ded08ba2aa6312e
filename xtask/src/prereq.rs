//! What the build and the tests need from the machine: found, installed from the
//! package registries this project allows (rustup, npm, PyPI, Debian), or named plainly.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::util::{self, output, root};

/// Adds the wasm32 target when it is missing.
pub fn wasm_target() -> anyhow::Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    if !util::on_path("rustup") {
        bail!("the wasm32-unknown-unknown target is missing and rustup is not available to add it");
    }
    util::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Adds clippy when the toolchain lacks it (minimal rustup profiles do).
pub fn clippy() -> anyhow::Result<()> {
    if util::cargo().args(["clippy", "--version"]).output().is_ok_and(|out| out.status.success()) {
        return Ok(());
    }
    if !util::on_path("rustup") {
        bail!("cargo clippy is missing and rustup is not available to add it");
    }
    util::run(Command::new("rustup").args(["component", "add", "clippy"]))
}

/// The folder with the project's Node.js tools (playwright-core, binaryen, terser).
pub fn node_dir() -> PathBuf {
    root().join("tests/browser")
}

/// Installs the Node.js tools from the lock file when they are missing.
pub fn node_tools() -> anyhow::Result<()> {
    if !util::on_path("node") || !util::on_path("npm") {
        bail!("Node.js 18+ and npm are needed for the browser tests (Debian: apt-get install nodejs npm)");
    }
    if missing_node_tools(&node_dir())?.is_empty() {
        return Ok(());
    }
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(node_dir())
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// The packages `package.json` in `dir` names that its `node_modules` lacks: all of them
/// before the first install, and a tool added since the last one.
fn missing_node_tools(dir: &Path) -> anyhow::Result<Vec<String>> {
    let manifest = std::fs::read_to_string(dir.join("package.json")).context("read package.json")?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).context("package.json is not JSON")?;
    let wanted = ["dependencies", "devDependencies"]
        .into_iter()
        .filter_map(|group| manifest.get(group)?.as_object())
        .flat_map(|packages| packages.keys());
    Ok(wanted.filter(|name| !dir.join("node_modules").join(name).join("package.json").is_file()).cloned().collect())
}

/// The folder with the S3 tests' server, s3rver.
pub fn s3_dir() -> PathBuf {
    root().join("tests/s3")
}

/// Installs s3rver from npm for the file storage tests' S3 API, from the lock file.
pub fn s3rver() -> anyhow::Result<()> {
    if s3_dir().join("node_modules/s3rver/bin/s3rver.js").is_file() {
        return Ok(());
    }
    util::run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(s3_dir()))
        .context("install s3rver for the file storage tests")
}

/// Installs Debian's clamav-daemon for the malware scanning tests when `clamd` is
/// missing. The tests start their own clamd with a signature they write, so neither
/// the system service nor freshclam (which needs the network) is used.
pub fn clamd() -> anyhow::Result<()> {
    if Path::new("/usr/sbin/clamd").is_file() || util::on_path("clamd") {
        return Ok(());
    }
    if apt_install(&["--no-install-recommends", "clamav-daemon"])? && Path::new("/usr/sbin/clamd").is_file() {
        return Ok(());
    }
    bail!("clamd is needed for the malware scanning tests: install Debian's `clamav-daemon` package")
}

/// The database tools docs/deploy.md uses for backups (`sqlite3`, `pg_dump`,
/// `pg_restore`, `psql`), which its test runs: Debian's `sqlite3` and
/// `postgresql-client`, installed when missing and possible.
pub fn backup_tools() -> anyhow::Result<()> {
    let tools = ["sqlite3", "pg_dump", "pg_restore", "psql"];
    if tools.iter().all(|tool| util::on_path(tool)) {
        return Ok(());
    }
    if apt_install(&["--no-install-recommends", "sqlite3", "postgresql-client"])?
        && tools.iter().all(|tool| util::on_path(tool))
    {
        return Ok(());
    }
    bail!("the deployment guide's test needs {}: install Debian's `sqlite3` and `postgresql-client`", tools.join(", "))
}

/// The aiosmtpd version the SMTP tests' server (`tests/smtp/server.py`) runs on.
const AIOSMTPD_VERSION: &str = "1.4.6";

/// Installs aiosmtpd from PyPI for the SMTP tests when Python 3 cannot import it.
pub fn aiosmtpd() -> anyhow::Result<()> {
    if !util::on_path("python3") {
        bail!("Python 3 is needed for the SMTP tests' server (Debian: apt-get install python3 python3-pip)");
    }
    if python_imports("aiosmtpd") {
        return Ok(());
    }
    let package = format!("aiosmtpd=={AIOSMTPD_VERSION}");
    let install = || {
        let mut command = Command::new("python3");
        command.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]);
        command
    };
    // Debian's own Python refuses to install into the system (PEP 668); a user install
    // is what it allows for a tool only the tests use.
    if util::run(install().arg(&package)).is_err() {
        util::run(install().args(["--user", "--break-system-packages"]).arg(&package))
            .context("install aiosmtpd for the SMTP tests (is pip installed? Debian: apt-get install python3-pip)")?;
    }
    if !python_imports("aiosmtpd") {
        bail!("aiosmtpd was installed but python3 cannot import it");
    }
    Ok(())
}

fn python_imports(module: &str) -> bool {
    output(Command::new("python3").args(["-c", &format!("import {module}")])).is_some()
}

/// A wasm-opt that produces modules browsers accept: version 110 or later. Debian's
/// binaryen 108 breaks wasm-bindgen's reference-types table, so it is skipped.
pub fn wasm_opt() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("WASM_OPT").map(PathBuf::from),
        Some(node_dir().join("node_modules/.bin/wasm-opt")),
        Some(PathBuf::from("wasm-opt")),
    ];
    candidates.into_iter().flatten().find(|path| wasm_opt_version(path).is_some_and(|v| v >= 110))
}

/// terser, which minifies the generated JavaScript, from the Node.js tools.
pub fn terser() -> Option<PathBuf> {
    let path = node_dir().join("node_modules/terser/bin/terser");
    (path.is_file() && util::on_path("node")).then_some(path)
}

fn wasm_opt_version(path: &Path) -> Option<u32> {
    let text = output(Command::new(path).arg("--version"))?;
    text.split_whitespace().find_map(|word| word.parse().ok())
}

/// Debian's Chromium, installed when missing and possible.
pub fn chromium() -> anyhow::Result<PathBuf> {
    let path = PathBuf::from(std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if path.is_file() {
        return Ok(path);
    }
    if apt_install(&["--no-install-recommends", "chromium"])? && path.is_file() {
        return Ok(path);
    }
    bail!(
        "headless Chromium is needed for the browser tests: install Debian's `chromium` package (or set CHROMIUM_PATH)"
    )
}

/// A PostgreSQL server for the tests: `HELPLINE_TEST_POSTGRES_URL`, one on
/// 127.0.0.1:5432, or a temporary cluster started from the installed binaries.
pub struct Postgres {
    pub url: String,
    cluster: Option<TempCluster>,
}

struct TempCluster {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
}

impl Postgres {
    pub fn start() -> anyhow::Result<Self> {
        if let Ok(url) = std::env::var("HELPLINE_TEST_POSTGRES_URL") {
            return Ok(Self { url, cluster: None });
        }
        if reachable(5432) {
            return Ok(Self { url: "postgres://postgres@127.0.0.1:5432/postgres".into(), cluster: None });
        }
        let bin = match postgres_bin() {
            Some(bin) => bin,
            None if apt_install(&["postgresql"])? => {
                postgres_bin().context("PostgreSQL was installed but initdb was not found")?
            }
            None => bail!(
                "PostgreSQL is needed for the storage tests and none listens on 127.0.0.1:5432: \
                 install PostgreSQL (Debian: apt-get install postgresql) or set HELPLINE_TEST_POSTGRES_URL"
            ),
        };
        let port = 55432;
        let data = root().join("target/test-postgres");
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).context("create the temporary cluster folder")?;
        // PostgreSQL refuses to run as root; run it as the postgres user then.
        let as_postgres = is_root();
        if as_postgres {
            util::run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&data))?;
        }
        let cluster = TempCluster { bin, data, as_postgres };
        cluster.pg(&["initdb", "-D"], &["-U", "postgres", "--auth=trust", "--no-sync"])?;
        let options = format!("-p {port} -c listen_addresses=127.0.0.1 -k /tmp -c fsync=on");
        cluster.pg(&["pg_ctl", "-D"], &["-o", &options, "-l", "/tmp/helpline-test-postgres.log", "-w", "start"])?;
        eprintln!("started a temporary PostgreSQL cluster on port {port}");
        Ok(Self { url: format!("postgres://postgres@127.0.0.1:{port}/postgres"), cluster: Some(cluster) })
    }
}

impl TempCluster {
    fn pg(&self, program_and_flag: &[&str; 2], rest: &[&str]) -> anyhow::Result<()> {
        let program = self.bin.join(program_and_flag[0]);
        let mut command = if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        command.arg(program_and_flag[1]).arg(&self.data).args(rest);
        util::run(&mut command)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(cluster) = &self.cluster {
            let _ = cluster.pg(&["pg_ctl", "-D"], &["-m", "fast", "stop"]);
        }
    }
}

fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn reachable(port: u16) -> bool {
    TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), Duration::from_secs(1)).is_ok()
}

/// Installs Debian packages (`apt-get install -y` with `args`), reading the package
/// lists once per run however many installs follow. False where it cannot (not root,
/// or no apt-get), so the caller says what is missing.
fn apt_install(args: &[&str]) -> anyhow::Result<bool> {
    static UPDATED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !is_root() || !util::on_path("apt-get") {
        return Ok(false);
    }
    if !UPDATED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        util::run(Command::new("apt-get").arg("update"))?;
    }
    util::run(Command::new("apt-get").args(["install", "-y"]).args(args).env("DEBIAN_FRONTEND", "noninteractive"))?;
    Ok(true)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_package_the_manifest_names_must_be_installed() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(
            dir.path().join("package.json"),
            r#"{ "devDependencies": { "binaryen": "132.0.0", "terser": "5.51.4" }, "dependencies": { "axe-core": "4" } }"#,
        )
        .expect("manifest");
        let mut missing = missing_node_tools(dir.path()).expect("read");
        missing.sort();
        assert_eq!(missing, ["axe-core", "binaryen", "terser"]);
        for installed in ["binaryen", "axe-core"] {
            let package = dir.path().join("node_modules").join(installed);
            std::fs::create_dir_all(&package).expect("folder");
            std::fs::write(package.join("package.json"), "{}").expect("package");
        }
        assert_eq!(missing_node_tools(dir.path()).expect("read"), ["terser"], "a tool added since the last install");
    }
}
